/**
 * The HTML report: one self-contained page (inline style and script, no network) with the
 * summary, a status filter and, per test, its status, time, failure message with the frame
 * diff, stack, and the messages exchanged with the switch.
 *
 * @module
 */
import type { RunResult, TestResult } from "./result.ts";

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em}table{border-collapse:collapse;width:100%}
td,th{padding:.25em .5em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
.passed .st{color:#176f2c}.failed .st{color:#b00020;font-weight:bold}
.skipped .st{color:#777}.xfail .st{color:#9a6700}
pre{background:#f6f8fa;padding:.5em;overflow-x:auto;font-size:12px;margin:.3em 0;max-width:calc(100vw - 14em)}
.loc{color:#555;font-size:12px}
.sum span{margin-right:1em}.filters label{margin-right:1em}`;

// Filtering by status; also fills in how many rows are shown, so a reader (or a browser
// test) can see the page's script ran.
const SCRIPT = `
function refresh(){var on={};document.querySelectorAll('.filters input').forEach(function(i){on[i.value]=i.checked});
var n=0;document.querySelectorAll('tr.test').forEach(function(r){var s=on[r.dataset.status];r.hidden=!s;
var d=document.getElementById('d'+r.dataset.id);if(d)d.hidden=!s;if(s)n++});
document.getElementById('shown').textContent=n+' shown';}
document.querySelectorAll('.filters input').forEach(function(i){i.addEventListener('change',refresh)});refresh();`;

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Failures first, then expected failures, skips and passes; run order within each. */
function ordered(run: RunResult): [TestResult, number][] {
  const rank = { failed: 0, xfail: 1, skipped: 2, passed: 3 };
  return run.tests.map((t, id): [TestResult, number] => [t, id])
    .sort(([a, i], [b, j]) => rank[a.status] - rank[b.status] || i - j);
}

function row(t: TestResult, id: number): string {
  const name = t.repetition > 1 ? `${t.name} (run ${t.repetition})` : t.name;
  const details: string[] = [];
  if (t.message) details.push(`<pre class="message">${esc(t.message)}</pre>`);
  if (t.stack && t.stack !== t.message) details.push(`<pre class="stack">${esc(t.stack)}</pre>`);
  if (t.messages?.length) {
    details.push(
      `<details><summary>${t.messages.length} OpenFlow messages</summary><pre>${
        esc(
          t.messages.map((m) =>
            `${m.atMs.toFixed(1).padStart(8)} ms ${m.direction === "out" ? "→" : "←"} ${m.summary}`
          ).join("\n"),
        )
      }</pre></details>`,
    );
  }
  if (t.pcaps?.length) details.push(`<div>pcap: ${t.pcaps.map(esc).join(", ")}</div>`);
  const cells = `<td class="st">${t.status.toUpperCase()}</td><td>${esc(t.group)}</td><td>${
    esc(name)
  }</td><td>${t.version}</td><td>${t.durationMs.toFixed(1)} ms</td><td>${
    t.resetMs.toFixed(1)
  } ms</td>`;
  const main =
    `<tr class="test ${t.status}" data-status="${t.status}" data-id="${id}">${cells}</tr>`;
  return details.length === 0 ? main : `${main}\n<tr class="${t.status}" id="d${id}"><td></td>` +
    `<td colspan="5">${details.join("")}<div class="loc">${esc(t.location)}</div></td></tr>`;
}

/**
 * Renders a run as one self-contained HTML page.
 *
 * @param run The run.
 * @returns The page.
 *
 * @example
 * ```ts
 * import { htmlReport } from "@oftest/oftest/runner";
 * import assert from "node:assert/strict";
 *
 * const page = htmlReport({
 *   tests: [{ name: "echo", group: "basic", version: "1.3", status: "failed", message: "no reply", durationMs: 2, resetMs: 1, location: "", repetition: 1 }],
 *   summary: { passed: 0, failed: 1, skipped: 0, xfail: 0 },
 *   target: "t",
 *   wallMs: 5,
 *   hostname: "ci",
 *   startedAt: "2026-01-01T00:00:00.000Z",
 * });
 * assert.match(page, /<tr class="test failed"/);
 * ```
 */
export function htmlReport(run: RunResult): string {
  const s = run.summary;
  const filters = (["failed", "xfail", "skipped", "passed"] as const).map((status) =>
    `<label><input type="checkbox" value="${status}" checked> ${status} (${s[status]})</label>`
  ).join("");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>OpenFlow switch tests: ${
    s.failed === 0 ? "passed" : `${s.failed} failed`
  }</title><style>${STYLE}</style></head><body>
<h1>OpenFlow switch tests</h1>
<p>Target: ${esc(run.target)}<br>Started ${esc(run.startedAt)} on ${esc(run.hostname)}, ${
    (run.wallMs / 1000).toFixed(1)
  } s${run.seed === undefined ? "" : `, order seed ${run.seed}`}</p>
<p class="sum"><span>passed ${s.passed}</span><span>failed ${s.failed}</span><span>skipped ${s.skipped}</span><span>expected failures ${s.xfail}</span></p>
<p class="filters">${filters}<span id="shown"></span></p>
<table><thead><tr><th>status</th><th>group</th><th>test</th><th>OpenFlow</th><th>time</th><th>reset</th></tr></thead>
<tbody>
${ordered(run).map(([t, id]) => row(t, id)).join("\n")}
</tbody></table>
<script>${SCRIPT}</script>
</body></html>
`;
}
