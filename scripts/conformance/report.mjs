// The run's results as a person reads them (text), as CI reads them (TAP 13), or as data (JSON).

/** `results`: [{ id, title, result: 'pass'|'fail'|'skip', message }]. */
export function report(results, format, target) {
  const count = (k) => results.filter((r) => r.result === k).length;
  if (format === 'json') {
    return `${JSON.stringify({ target, passed: count('pass'), failed: count('fail'), skipped: count('skip'), checks: results }, null, 2)}\n`;
  }
  if (format === 'tap') {
    const lines = results.map((r, i) => {
      const head = `${r.result === 'fail' ? 'not ok' : 'ok'} ${i + 1} - ${r.id}: ${r.title}`;
      if (r.result === 'skip') return `${head} # SKIP ${r.message}`;
      return r.result === 'fail' ? `${head}\n  ---\n  message: ${JSON.stringify(r.message)}\n  ...` : head;
    });
    return `TAP version 13\n1..${results.length}\n${lines.join('\n')}\n`;
  }
  const word = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };
  const lines = results.map((r) => `${word[r.result]}  ${r.id}  ${r.title}${r.message ? `\n        ${r.message}` : ''}`);
  return `${lines.join('\n')}\n${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped against ${target}\n`;
}
