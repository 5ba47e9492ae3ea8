// The PPK's pages in a real browser: playwright-core drives Debian's
// chromium, headless. tests/e2e/browser_e2e_test.cc starts the server,
// prepares the cases and passes them in $BROWSER_TEST (JSON); this script
// plays the intranet's proxy (extraHTTPHeaders adds Authorization, as the
// authenticating proxy would), checks what an official sees, and keeps a
// screenshot of each page. Exit status 0 when every check holds.
import { chromium } from 'playwright-core';

const cfg = JSON.parse(process.env.BROWSER_TEST);
const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
  if (!ok) failures.push(what);
}

const browser = await chromium.launch({
  executablePath: cfg.chromium || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
async function pageAs(token) {
  const context = await browser.newContext({
    extraHTTPHeaders: token ? { Authorization: `Bearer ${token}` } : {},
    viewport: { width: 1280, height: 900 }, locale: 'id-ID',
  });
  return context.newPage();
}
const shot = (page, name) => page.screenshot({ path: `${cfg.screenshots}/${name}.png`, fullPage: true });

try {
  // 1. The inbox lists the case for its resolved official (the PPK's
  //    office of its agency), and not for another official.
  const ppk = await pageAs(cfg.ppk_token);
  await ppk.goto(`${cfg.base}/ppk/`);
  await ppk.waitForSelector('#status:not(:text("Memuat"))');
  const inboxText = await ppk.textContent('main');
  check(inboxText.includes(cfg.decide_register), 'the inbox of the PPK lists the case waiting for it');
  check((await ppk.getAttribute('html', 'lang')) === 'id', 'the page is lang="id"');
  await shot(ppk, 'inbox-ppk');
  const other = await pageAs(cfg.other_token);
  await other.goto(`${cfg.base}/ppk/`);
  await other.waitForSelector('#status:not(:text("Memuat"))');
  check(!(await other.textContent('main')).includes(cfg.decide_register), 'another official\'s inbox does not list it');
  check((await other.textContent('#status')).includes('Tidak ada perkara'), 'another official sees an empty inbox');

  // 2. A refused decision shows the server's message next to the field it
  //    names (no Nomor SK).
  await ppk.goto(`${cfg.base}/ppk/cases/${cfg.refuse_case}`);
  await ppk.waitForSelector('#decide:not([hidden])');
  await ppk.fill('#decision_number', '');
  await ppk.click('#review');
  await ppk.click('#send');
  await ppk.waitForSelector('#decision_number-error:not(:empty)');
  const fieldError = await ppk.textContent('#decision_number-error');
  check(fieldError.includes('Nomor SK wajib diisi'),
        `the refusal is shown next to Nomor SK: "${fieldError}"`);
  await shot(ppk, 'decision-refused');

  // 3. A decision made through the page, after the confirmation step.
  await ppk.goto(`${cfg.base}/ppk/cases/${cfg.decide_case}`);
  await ppk.waitForSelector('#decide:not([hidden])');
  const pageText = await ppk.textContent('main');
  check(pageText.includes('Andi Saputra'), 'the decision page shows the employee');
  check(pageText.includes('PP 94/2021'), 'the decision page shows the legal basis');
  check(pageText.includes('Keberatan'), 'each permitted punishment shows the remedy open against it');
  check((await ppk.locator('#doclist a').count()) > 0, 'the BAP is listed to open');
  for (const label of ['Setujui', 'Ubah hukuman', 'Tolak', 'Nomor SK', 'Tanggal keputusan', 'Alasan']) {
    check(pageText.includes(label), `the form has "${label}"`);
  }
  await shot(ppk, 'decision-form');
  await ppk.check('input[value=DECISION_OUTCOME_APPROVE]');
  await ppk.fill('#decision_number', cfg.sk_number);
  // Keyboard only: the review button and the confirmation work from the keyboard.
  await ppk.focus('#review');
  await ppk.keyboard.press('Enter');
  await ppk.waitForSelector('#confirm:not([hidden])');
  check((await ppk.textContent('#confirm-text')).includes(cfg.sk_number), 'the confirmation repeats the SK number');
  await shot(ppk, 'decision-confirm');
  await ppk.keyboard.press('Enter');  // focus is on "Ya, kirim keputusan"
  await ppk.waitForSelector('#result.ok');
  check((await ppk.textContent('#result')).includes(cfg.sk_number), 'the page reports the decision with its SK');
  await shot(ppk, 'decision-done');

  // 4. The audit page shows the verified history.
  const auditor = await pageAs(cfg.auditor_token);
  await auditor.goto(`${cfg.base}/audit/cases/${cfg.decide_case}`);
  await auditor.waitForSelector('#verification.ok, #verification.bad');
  check((await auditor.getAttribute('#verification', 'class')) === 'ok', 'the history verifies');
  check((await auditor.locator('#history tbody tr').count()) >= 5, 'the history lists every event');
  check((await auditor.textContent('#history')).includes('DecideSanction'), 'the decision is in the history');
  await shot(auditor, 'audit');

  // 5. BKN's report page: follow-through per agency, punishments per
  //    provision, cases per aspect, each an inline SVG chart.
  const bkn = await pageAs(cfg.supervisor_token);
  await bkn.goto(`${cfg.base}/laporan/?from=2026-01-01&to=2026-12-31`);
  await bkn.waitForSelector('#status:not(:text("Memuat"))');
  const report = await bkn.textContent('main');
  check((await bkn.locator('main svg').count()) >= 3, 'the report page draws its three charts as inline SVG');
  check(report.includes('KOTA-CONTOH'), 'the follow-through chart has the city');
  check(report.includes('PP94.4.f'), 'the punishments per provision include the decision made on the page');
  check((await bkn.locator('#follow tbody tr').count()) >= 1, 'the follow-through table has a row per agency');
  check(((await bkn.getAttribute('#csv-follow', 'href')) || '').includes('format=csv'), 'a CSV download is offered');
  await shot(bkn, 'laporan');

  // 6. Without the proxy's header, a page that says so.
  const anonymous = await pageAs(null);
  const res = await anonymous.goto(`${cfg.base}/ppk/`);
  check(res.status() === 401, 'a page without Authorization answers 401');
  check((await anonymous.textContent('body')).includes('intranet'), 'and says to open it through the intranet');
  await shot(anonymous, 'no-login');
} catch (e) {
  failures.push(String(e));
  console.log(`FAIL: ${e}`);
} finally {
  await browser.close();
}
console.log(`browser: ${failures.length === 0 ? 'all checks passed' : failures.length + ' failed'}`);
process.exit(failures.length === 0 ? 0 : 1);
