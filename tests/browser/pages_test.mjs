// The intranet's pages in a real browser: playwright-core drives Debian's
// chromium, headless. tests/e2e/browser_e2e_test.cc starts the server,
// prepares the cases and passes them in $BROWSER_TEST (JSON); this script
// plays the intranet's proxy (extraHTTPHeaders adds Authorization, as the
// authenticating proxy would), checks what an operator, an official and an
// auditor see and do, and keeps a screenshot of each page at a laptop's
// 1366x768 (and some at a phone's 390x844). Exit status 0 when every check
// holds.
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
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
async function pageAs(token, viewport) {
  const context = await browser.newContext({
    extraHTTPHeaders: token ? { Authorization: `Bearer ${token}` } : {},
    viewport: viewport || LAPTOP, locale: 'id-ID',
  });
  return context.newPage();
}
const shot = (page, name) => page.screenshot({ path: `${cfg.screenshots}/${name}.png`, fullPage: true });
// Whether the page is wider than its window (a phone must not scroll sideways).
// Whether the page is wider than its window (a phone must not scroll
// sideways): the elements sticking out, or an empty list.
const overflows = (page) => page.evaluate(() => {
  if (document.documentElement.scrollWidth <= window.innerWidth + 1) return [];
  return [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !(e.parentElement && e.parentElement.closest('.scroll')))
    .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`);
});
function isoDaysFromNow(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}
// A weekday 3 to 5 days ahead: within the 7 working days of a summons.
function examinationDay() {
  let days = 3;
  while ([0, 6].includes(new Date(Date.now() + days * 86400000).getUTCDay())) days += 1;
  return isoDaysFromNow(days);
}

try {
  // 0. An operator files a case on /kasus/ with its evidence, summons the
  //    employee (PP 94/2021 Pasal 26) and prints the summons.
  const operator = await pageAs(cfg.operator_token);
  await operator.goto(`${cfg.base}/kasus/`);
  await operator.waitForSelector('#status:not(:text("Memuat"))');
  check((await operator.textContent('#cases')).includes(cfg.decide_register), 'the workspace lists the agency\'s cases');
  check((await operator.inputValue('#agency_code')) === 'KOTA-CONTOH', 'the agency is taken from the listed cases');
  await shot(operator, 'kasus-list');
  await operator.fill('#employee_nip', cfg.file_nip);
  await operator.selectOption('#source', 'SOURCE_ATASAN_LANGSUNG');
  await operator.selectOption('#provision_id', 'PP94.4.f');
  await operator.fill('#occurred_on', isoDaysFromNow(-20));
  await operator.fill('#absence_days', '8');
  await operator.fill('#description', 'Tidak masuk kerja tanpa keterangan yang sah selama 8 hari kerja.');
  await operator.setInputFiles('#evidence', { name: 'rekap-kehadiran.txt', mimeType: 'text/plain',
                                               buffer: Buffer.from('Rekap kehadiran: 8 hari tanpa keterangan.\n') });
  await operator.click('#file-submit');
  await operator.waitForURL(/\/kasus\/cases\//);
  await operator.waitForSelector('#summon-form:not([hidden])');
  check((await operator.textContent('#status')).includes('tercatat'), 'the filed case says it is recorded');
  const filedText = await operator.textContent('main');
  check(filedText.includes('rekap-kehadiran.txt') && filedText.includes('Bukti'), 'the evidence is listed by name and kind');
  check(filedText.includes('Pasal 4 huruf f'), 'the allegation is shown in words');
  await operator.fill('#s-letter_number', '800.1.6.2/041/BKPSDM/2026');
  // PP 94/2021 Pasal 26 ayat (2): within 7 working days of the letter.
  await operator.fill('#s-examination_on', examinationDay());
  await operator.fill('#s-examination_time', '09:00');
  await operator.fill('#s-examination_place', 'Ruang rapat BKPSDM Kota Contoh');
  await operator.fill('#s-examiner_nips', cfg.examiner_nip);
  await operator.fill('#s-signatory_nip', '198009092005012002');
  await shot(operator, 'kasus-summons-form');
  await operator.click('#summon-form button[type=submit]');
  await operator.waitForSelector('#examine-form:not([hidden])');
  check((await operator.textContent('#status')).includes('Dipanggil'), 'the case is summoned');
  check((await operator.inputValue('#letter-kind')) === 'LETTER_KIND_SURAT_PANGGILAN', 'the summons letter is offered first');
  await operator.click('#letter-form button[type=submit]');
  await operator.waitForSelector('#letter-result.ok');
  check((await operator.textContent('#letters tbody')).includes('Surat panggilan'), 'the summons letter is listed');
  // Headless, the print dialog cannot open (and the PDF viewer's print can
  // take the page down): the frame's window is replaced by one that notes
  // the call, after the page has put the PDF in the frame.
  await operator.evaluate(() => {
    const frame = document.getElementById('print-frame');
    Object.defineProperty(frame, 'contentWindow', { get: () => ({ focus() {}, print() { frame.dataset.printCalled = '1'; } }) });
  });
  const pdf = operator.waitForResponse((r) => r.url().includes('/v1/documents/') && r.request().method() === 'GET');
  await operator.click('#letters tbody tr:last-child button.print');
  const printed = await pdf;
  check(printed.status() === 200 && (printed.headers()['content-type'] || '').includes('application/pdf'),
        'the summons is fetched as a PDF to print');
  await operator.waitForSelector('#print-frame[data-printed]');
  check((await operator.getAttribute('#print-frame', 'data-print-called')) === '1', 'the page asks the browser to print the summons');
  check(((await operator.getAttribute('#print-frame', 'src')) || '').startsWith('blob:'), 'the summons is opened in the print frame');
  await shot(operator, 'kasus-summoned');
  await operator.emulateMedia({ media: 'print' });
  await shot(operator, 'kasus-summoned-print');
  check(!(await operator.isVisible('#letter-form')), 'a printout leaves the forms out');
  await operator.emulateMedia({ media: 'screen' });
  const caseUrl = operator.url();
  const filedRegister = (await operator.textContent('#title')).replace('Perkara ', '').trim();
  // The list filtered by stage: the summoned case, not the recommended ones.
  await operator.goto(`${cfg.base}/kasus/`);
  await operator.waitForSelector('#status:not(:text("Memuat"))');
  await operator.selectOption('#f-state', 'CASE_STATE_SUMMONED');
  await operator.click('#filters button[type=submit]');
  await operator.waitForURL(/state=CASE_STATE_SUMMONED/);
  await operator.waitForSelector('#status:not(:text("Memuat"))');
  const filtered = await operator.textContent('#cases tbody');
  check(filtered.includes(filedRegister) && !filtered.includes(cfg.decide_register),
        `the list filtered by stage shows the summoned case only (${filedRegister})`);
  // The same pages on a phone: one column, nothing wider than the screen.
  const phone = await pageAs(cfg.operator_token, PHONE);
  await phone.goto(caseUrl);
  await phone.waitForSelector('#case-view:not([hidden])');
  await phone.waitForSelector('#letters tbody tr');
  const caseOut = await overflows(phone);
  check(caseOut.length === 0, `the case page fits a phone's width ${caseOut.join(' ')}`);
  await shot(phone, 'kasus-case-phone');
  await phone.goto(`${cfg.base}/kasus/`);
  await phone.waitForSelector('#status:not(:text("Memuat"))');
  const listOut = await overflows(phone);
  check(listOut.length === 0, `the case list fits a phone's width ${listOut.join(' ')}`);
  await shot(phone, 'kasus-list-phone');

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
  check((await ppk.textContent('#doclist')).includes('Berita acara pemeriksaan'), 'the documents are listed by kind');
  check((await ppk.textContent('#allegations')).includes('Pasal 4 huruf f'), 'the provision is shown in words');
  for (const label of ['Setujui', 'Ubah hukuman', 'Tolak', 'Nomor SK', 'Tanggal keputusan', 'Alasan']) {
    check(pageText.includes(label), `the form has "${label}"`);
  }
  await shot(ppk, 'decision-form');
  await ppk.check('input[value=DECISION_OUTCOME_APPROVE]');
  await ppk.fill('#decision_number', cfg.sk_number);
  const draft = await ppk.textContent('#draft-letter');
  check(draft.includes(cfg.sk_number) && draft.includes('Andi Saputra'), 'the draft SK shows the number typed and the employee');
  // Keyboard only: the review button and the confirmation work from the keyboard.
  await ppk.focus('#review');
  await ppk.keyboard.press('Enter');
  await ppk.waitForSelector('#confirm:not([hidden])');
  check((await ppk.textContent('#confirm-text')).includes(cfg.sk_number), 'the confirmation repeats the SK number');
  await shot(ppk, 'decision-confirm');
  await ppk.keyboard.press('Enter');  // focus is on "Ya, kirim keputusan"
  await ppk.waitForSelector('#result.ok');
  check((await ppk.textContent('#result')).includes(cfg.sk_number), 'the page reports the decision with its SK');
  // The SK rendered from the decision, signed on the page through BSrE.
  await ppk.waitForSelector('#sign-form:not([hidden])');
  check((await ppk.getAttribute('#passphrase', 'type')) === 'password', 'the passphrase is typed hidden');
  check((await ppk.locator('iframe#sk-view').count()) === 1, 'the SK to sign is shown in the page');
  await ppk.waitForTimeout(1500);  // the PDF viewer draws the SK
  await shot(ppk, 'decision-done');
  await ppk.fill('#nik', cfg.nik);
  await ppk.fill('#passphrase', cfg.passphrase);
  await ppk.click('#sign');
  await ppk.waitForSelector('#sign-result.ok, #sign-result.bad');
  check((await ppk.textContent('#sign-result')).includes('ditandatangani'), `the SK is signed: "${await ppk.textContent('#sign-result')}"`);
  const kept = await ppk.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + location.href +
                                        document.getElementById('passphrase').value);
  check(!kept.includes(cfg.passphrase), 'the passphrase is kept neither in storage, the URL nor the field');
  await shot(ppk, 'decision-signed');

  // 4. The audit page shows the verified history.
  const auditor = await pageAs(cfg.auditor_token);
  await auditor.goto(`${cfg.base}/audit/cases/${cfg.decide_case}`);
  await auditor.waitForSelector('#verification.ok, #verification.bad');
  check((await auditor.getAttribute('#verification', 'class')) === 'ok', 'the history verifies');
  check((await auditor.locator('#history tbody tr').count()) >= 5, 'the history lists every event');
  check((await auditor.textContent('#history')).includes('DecideSanction'), 'the decision is in the history');
  check((await auditor.textContent('#history')).includes('Hukuman disiplin diputuskan'), 'the actions are in words');
  check((await auditor.textContent('#history')).includes('SignLetter'), 'the SK signed on the page is in the history (SignLetter)');
  check((await auditor.textContent('#register')).includes(cfg.decide_register), 'the audit page names the case');
  check((await auditor.textContent('#employee')).includes('Andi Saputra'), 'the audit page names the employee');
  check((await auditor.textContent('#time-h')).includes('WIB'), 'the times are in the agency\'s zone (Asia/Pontianak, WIB)');
  await shot(auditor, 'audit');
  const auditPhone = await pageAs(cfg.auditor_token, PHONE);
  await auditPhone.goto(`${cfg.base}/audit/cases/${cfg.decide_case}`);
  await auditPhone.waitForSelector('#verification.ok, #verification.bad');
  const auditOut = await overflows(auditPhone);
  check(auditOut.length === 0, `the audit page fits a phone's width ${auditOut.join(' ')}`);
  await shot(auditPhone, 'audit-phone');
  const ppkPhone = await pageAs(cfg.ppk_token, PHONE);
  await ppkPhone.goto(`${cfg.base}/ppk/cases/${cfg.refuse_case}`);
  await ppkPhone.waitForSelector('#decide:not([hidden])');
  const decisionOut = await overflows(ppkPhone);
  check(decisionOut.length === 0, `the decision page fits a phone's width ${decisionOut.join(' ')}`);
  await shot(ppkPhone, 'decision-phone');

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
  // Both reports are offered in every export format (docs/intranet.md
  // "Report exports"), labelled in Bahasa Indonesia.
  for (const [id, route] of [['follow', 'follow-through'], ['consistency', 'consistency']]) {
    for (const [format, label] of [['csv', 'CSV'], ['csv-excel', 'CSV untuk Excel'], ['xlsx', 'Excel (XLSX)']]) {
      const link = bkn.locator(`#${format}-${id}`);
      const href = (await link.getAttribute('href')) || '';
      check(href.startsWith(`/v1/reports/${route}?`) && href.includes('from=2026-01-01') &&
            new URLSearchParams(href.split('?')[1]).get('format') === format,
            `the ${route} report offers ${format}: ${href}`);
      check((await link.textContent()).trim() === label, `the ${format} link of ${route} reads "${label}"`);
    }
  }
  // The XLSX link, fetched as the page does (the proxy's header), is the workbook.
  const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  for (const id of ['follow', 'consistency']) {
    const href = await bkn.getAttribute(`#xlsx-${id}`, 'href');
    const got = await bkn.evaluate(async (url) => {
      const r = await fetch(url);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('Content-Type'), zip: bytes[0] === 0x50 && bytes[1] === 0x4b };
    }, href);
    check(got.status === 200 && got.type === XLSX_TYPE && got.zip,
          `the ${id} XLSX link answers 200 ${XLSX_TYPE} with a workbook: ${JSON.stringify(got)}`);
  }
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
  // What each open page showed when it failed.
  let n = 0;
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      n += 1;
      console.log(`FAIL page ${n}: ${page.url()}`);
      await page.screenshot({ path: `${cfg.screenshots}/failed-${n}.png`, fullPage: true }).catch(() => {});
    }
  }
} finally {
  await browser.close();
}
console.log(`browser: ${failures.length === 0 ? 'all checks passed' : failures.length + ' failed'}`);
process.exit(failures.length === 0 ? 0 : 1);
