// The intranet's pages (the PPK's inbox and decision page, the operators'
// and examiners' workspace /kasus/, the audit and report pages): plain
// JavaScript over the /v1 JSON API of this gateway. Text from the server is
// put in the page with textContent only, never as HTML.
// The intranet's authenticating proxy adds the Authorization header to every
// request, so the pages never see a token. Text shown is Bahasa Indonesia.
'use strict';

const PUNISHMENT = {
  PUNISHMENT_TEGURAN_LISAN: 'Teguran lisan',
  PUNISHMENT_TEGURAN_TERTULIS: 'Teguran tertulis',
  PUNISHMENT_PERNYATAAN_TIDAK_PUAS: 'Pernyataan tidak puas secara tertulis',
  PUNISHMENT_POTONGAN_TUKIN_6_BULAN: 'Pemotongan tunjangan kinerja 25% selama 6 bulan',
  PUNISHMENT_POTONGAN_TUKIN_9_BULAN: 'Pemotongan tunjangan kinerja 25% selama 9 bulan',
  PUNISHMENT_POTONGAN_TUKIN_12_BULAN: 'Pemotongan tunjangan kinerja 25% selama 12 bulan',
  PUNISHMENT_PENURUNAN_JABATAN: 'Penurunan jabatan setingkat lebih rendah selama 12 bulan',
  PUNISHMENT_PEMBEBASAN_JABATAN: 'Pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan',
  PUNISHMENT_PDHTAPS: 'Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS',
  PUNISHMENT_PENUNDAAN_KGB_1_TAHUN: 'Penundaan kenaikan gaji berkala selama 1 (satu) tahun',
  PUNISHMENT_PENUNDAAN_PANGKAT_1_TAHUN: 'Penundaan kenaikan pangkat selama 1 (satu) tahun',
  PUNISHMENT_PENURUNAN_PANGKAT_1_TAHUN: 'Penurunan pangkat setingkat lebih rendah selama 1 (satu) tahun',
};
const LEVEL = { SANCTION_LEVEL_RINGAN: 'ringan', SANCTION_LEVEL_SEDANG: 'sedang', SANCTION_LEVEL_BERAT: 'berat' };
const REMEDY = {
  REMEDY_NONE: 'Tidak ada (gugatan ke PTUN)', REMEDY_KEBERATAN: 'Keberatan',
  REMEDY_BANDING_ADMINISTRATIF: 'Banding administratif ke BPASN',
};
const ROLE = {
  AUTHORITY_ROLE_PRESIDEN: 'Presiden', AUTHORITY_ROLE_PPK: 'PPK', AUTHORITY_ROLE_JPT_MADYA: 'JPT madya',
  AUTHORITY_ROLE_JPT_PRATAMA: 'JPT pratama', AUTHORITY_ROLE_ADMINISTRATOR: 'Administrator',
  AUTHORITY_ROLE_PENGAWAS: 'Pengawas', AUTHORITY_ROLE_KEPALA_PERWAKILAN: 'Kepala Perwakilan RI',
  AUTHORITY_ROLE_PEJABAT_FUNGSIONAL_DITUNJUK: 'Pejabat fungsional yang ditunjuk',
};
const STATE = {
  CASE_STATE_RECEIVED: 'Diterima', CASE_STATE_SUMMONED: 'Dipanggil', CASE_STATE_EXAMINED: 'Diperiksa',
  CASE_STATE_RECOMMENDED: 'Direkomendasikan', CASE_STATE_DECIDED: 'Diputus', CASE_STATE_UNDER_REMEDY: 'Upaya administratif',
  CASE_STATE_CLOSED: 'Selesai', CASE_STATE_DISMISSED: 'Tidak terbukti', CASE_STATE_TERMINATED: 'Dihentikan',
};

const SOURCE = {
  SOURCE_ATASAN_LANGSUNG: 'Atasan langsung', SOURCE_APIP: 'APIP (inspektorat)',
  SOURCE_PENGADUAN_MASYARAKAT: 'Pengaduan masyarakat', SOURCE_BAWASLU: 'Bawaslu', SOURCE_BKN: 'BKN',
  SOURCE_SISTEM_KEHADIRAN: 'Sistem kehadiran', SOURCE_LAINNYA: 'Lainnya',
};
const DOCUMENT_KIND = {
  DOCUMENT_KIND_LAPORAN: 'Laporan (rahasia)', DOCUMENT_KIND_BUKTI: 'Bukti', DOCUMENT_KIND_BAP: 'Berita acara pemeriksaan',
  DOCUMENT_KIND_SURAT_PANGGILAN: 'Surat panggilan', DOCUMENT_KIND_SK_HUKUMAN: 'SK hukuman disiplin',
  DOCUMENT_KIND_LAINNYA: 'Lainnya',
};
const LETTER_KIND = {
  LETTER_KIND_SURAT_PANGGILAN: 'Surat panggilan', LETTER_KIND_BAP: 'Berita acara pemeriksaan',
  LETTER_KIND_LAPORAN_HASIL_PEMERIKSAAN: 'Laporan hasil pemeriksaan', LETTER_KIND_SK_TIM_PEMERIKSA: 'SK tim pemeriksa',
  LETTER_KIND_SK_PEMBEBASAN_SEMENTARA: 'SK pembebasan sementara dari tugas jabatan',
  LETTER_KIND_SK_HUKUMAN_DISIPLIN: 'SK hukuman disiplin',
  LETTER_KIND_PANGGILAN_MENERIMA_KEPUTUSAN: 'Panggilan untuk menerima keputusan',
  LETTER_KIND_BERITA_ACARA_PENYAMPAIAN: 'Berita acara penyampaian keputusan',
  LETTER_KIND_SURAT_KETERANGAN_HUKDIS: 'Surat keterangan hukuman disiplin',
};
const DEADLINE = {
  summons: 'Panggilan pemeriksaan', examination: 'Pemeriksaan', decision: 'Keputusan', delivery: 'Penyampaian keputusan',
  ppk_follow_up: 'Tindak lanjut rekomendasi oleh PPK', remedy: 'Upaya administratif',
};
// The audit trail's actions (the RPC that made the event), in words.
const ACTION = {
  FileCase: 'Perkara dicatat', IssueSummons: 'Panggilan diterbitkan', ReissueSummons: 'Panggilan diterbitkan ulang',
  RecordExamination: 'Hasil pemeriksaan dicatat', ReopenExamination: 'Pemeriksaan dibuka kembali',
  RecommendSanction: 'Rekomendasi hukuman dibuat', WithdrawRecommendation: 'Rekomendasi ditarik',
  DecideSanction: 'Hukuman disiplin diputuskan', RecordDelivery: 'Keputusan disampaikan kepada pegawai',
  FileRemedy: 'Upaya administratif diajukan', DecideRemedy: 'Upaya administratif diputuskan', CloseCase: 'Perkara ditutup',
  ConfirmCaseAction: 'Tindakan perkara dikonfirmasi PPK', JoinCases: 'Perkara digabung',
  AddPriorPunishment: 'Hukuman terdahulu dicatat', ReleaseFromDuty: 'Pembebasan sementara dari tugas jabatan',
  RecordEmployeeEvent: 'Peristiwa kepegawaian dicatat', EscalateFollowUp: 'Tindak lanjut dieskalasi',
  GetDocument: 'Dokumen dibuka', ReadReporter: 'Identitas pelapor dibaca', RenderLetter: 'Surat dibuat',
  SignDocument: 'SK ditandatangani secara elektronik', SignLetter: 'SK ditandatangani secara elektronik',
};

// A fresh idempotency key for one submission of a form.
function requestId(prefix) {
  const r = window.crypto && crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${r}`;
}

// Today in the agency's time zone (YYYY-MM-DD), or the browser's.
function todayIn(zone) {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date());
  } catch (e) {
    return new Date().toISOString().slice(0, 10);
  }
}

// An RFC 3339 instant in the agency's time zone, e.g. "14 Okt 2026, 09.12.05 WIB".
function timeIn(iso, zone) {
  if (!iso) return '—';
  try {
    return new Intl.DateTimeFormat('id-ID', { timeZone: zone || undefined, dateStyle: 'medium', timeStyle: 'medium' })
      .format(new Date(iso)) + ' ' + zoneName(zone);
  } catch (e) {
    return iso;
  }
}

// WIB, WITA or WIT for the agency's zone; its IANA name otherwise.
function zoneName(zone) {
  const names = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };
  return names[zone] || zone || 'waktu peramban';
}

// A date "2026-10-14" as "14 Oktober 2026".
function dateWords(iso) {
  if (!iso) return '—';
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('id-ID', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

function sizeWords(bytes) {
  const n = Number(bytes || 0);
  if (n < 1024) return `${n} bita`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

// The provisions of PP 94/2021 and the 2022 decree by id, for their words.
let provisionsById = null;
async function provisions() {
  if (provisionsById) return provisionsById;
  provisionsById = new Map();
  try {
    const r = await api('/v1/provisions');
    for (const p of r.provisions || []) provisionsById.set(p.id, p);
  } catch (e) {
    // The ids are shown as they are.
  }
  return provisionsById;
}

// "PP 94/2021 Pasal 4 huruf f: masuk kerja dan menaati ketentuan jam kerja".
function provisionWords(id) {
  const p = provisionsById && provisionsById.get(id);
  return p ? `${p.article || id}: ${p.summary}` : id;
}

function splitNips(text) {
  return text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
}

// Shows a refusal next to the fields it names within `scope`, and in `result`.
function showRefusal(scope, e, result, what) {
  const { message, fields } = refusal(e);
  let shown = false;
  for (const f of fields) {
    const base = f.replace(/\[\d+\].*$/, '').replace(/\..*$/, '');
    const span = scope.querySelector(`[id="${base}-error"], [id$="-${base}-error"]`);
    if (span) { span.textContent = message; shown = true; }
  }
  result.textContent = shown ? `${what} ditolak; lihat keterangan pada isian.` : message;
  result.className = 'bad';
}

function clearErrors(scope) {
  for (const s of scope.querySelectorAll('.error')) s.textContent = '';
}

// POST /v1/documents: one file as a document (multipart, as the gateway takes it).
async function upload(file, kind, caseId) {
  const form = new FormData();
  const metadata = { kind, fileName: file.name, mediaType: file.type || 'application/octet-stream' };
  if (caseId) metadata.caseId = caseId;
  form.append('metadata', new Blob([JSON.stringify(metadata)], { type: 'application/json' }));
  form.append('file', file, file.name);
  const res = await fetch('/v1/documents', { method: 'POST', body: form });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok) throw json;
  return json;
}

// Opens a stored PDF in the page's print frame and asks the browser to print it.
async function printDocument(documentId) {
  const res = await fetch(`/v1/documents/${encodeURIComponent(documentId)}`);
  if (!res.ok) throw JSON.parse((await res.text()) || '{}');
  const blob = new Blob([await res.arrayBuffer()], { type: res.headers.get('Content-Type') || 'application/pdf' });
  const frame = document.getElementById('print-frame');
  const old = frame.src;
  await new Promise((resolve) => {
    frame.onload = () => {
      try {
        frame.contentWindow.focus();
        frame.contentWindow.print();
      } catch (e) {
        window.open(frame.src, '_blank', 'noopener');
      }
      frame.dataset.printed = documentId;
      resolve();
    };
    frame.src = URL.createObjectURL(blob);
  });
  if (old && old.startsWith('blob:')) URL.revokeObjectURL(old);
}

// The links of one stored document: download, and print for a PDF.
function documentActions(documentId, label) {
  const cell = el('td', null, { class: 'noprint' });
  cell.append(el('a', 'Unduh', { href: `/v1/documents/${encodeURIComponent(documentId)}`, 'aria-label': `Unduh ${label}` }));
  cell.append(document.createTextNode(' '));
  const print = el('button', 'Cetak', { type: 'button', class: 'print', 'aria-label': `Cetak ${label}` });
  print.addEventListener('click', async () => {
    print.disabled = true;
    try {
      await printDocument(documentId);
    } catch (e) {
      alert(refusal(e).message);
    } finally {
      print.disabled = false;
    }
  });
  cell.append(print);
  return cell;
}

function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

// A /v1 call; rejects with the google.rpc.Status of a refusal.
async function api(path, body) {
  const init = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  };
  const res = await fetch(path, init);
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok) throw json;
  return json;
}

// The Bahasa Indonesia message of a refusal, and the field it names.
function refusal(status) {
  let message = status.message || 'Permintaan ditolak.';
  const fields = [];
  for (const d of status.details || []) {
    if (d['@type'] && d['@type'].endsWith('LocalizedMessage') && d.locale === 'id-ID') message = d.message;
    if (d['@type'] && d['@type'].endsWith('BadRequest')) for (const v of d.fieldViolations || []) fields.push(v.field);
  }
  return { message, fields };
}

function caseIdFromPath() {
  const parts = location.pathname.split('/').filter(Boolean);
  return decodeURIComponent(parts[parts.length - 1]);
}

function daysSince(iso) {
  const d = new Date(iso + 'T00:00:00Z');
  return Math.max(0, Math.round((Date.now() - d.getTime()) / 86400000));
}

async function inbox() {
  const status = document.getElementById('status');
  try {
    const r = await api('/v1/cases?awaitingMyDecision=true&pageSize=200');
    // In the server's order, the most urgent first.
    const cases = r.cases || [];
    const body = document.querySelector('#inbox tbody');
    for (const c of cases) {
      const d = (c.openDeadlines || []).slice().sort((x, y) => (x.dueOn < y.dueOn ? -1 : 1))[0];
      const tr = el('tr');
      const rec = c.recommendation || {};
      const a = rec.assessment || {};
      tr.append(el('td', c.registerNumber), el('td', `${c.employee.name} (${c.employee.nip})`),
                el('td', a.punishment ? PUNISHMENT[a.punishment] : `Hukuman disiplin ${LEVEL[a.level] || ''}`),
                el('td', c.receivedOn));
      const left = !d || d.workingDaysLeft === undefined ? '—'
        : d.workingDaysLeft >= 0 ? `${d.workingDaysLeft} hari kerja` : `lewat ${-d.workingDaysLeft} hari kerja`;
      tr.append(el('td', d ? d.dueOn : '—'), el('td', left), el('td', `${daysSince(rec.recommendedOn || c.receivedOn)} hari`));
      const td = el('td');
      td.append(el('a', 'Putuskan', { href: `/ppk/cases/${encodeURIComponent(c.caseId)}` }));
      tr.append(td);
      body.append(tr);
    }
    document.getElementById('inbox').hidden = cases.length === 0;
    status.textContent = cases.length === 0 ? 'Tidak ada perkara yang menunggu keputusan Anda.'
                                            : `${cases.length} perkara menunggu keputusan Anda.`;
  } catch (e) {
    status.textContent = refusal(e).message;
  }
}

async function decision() {
  const id = caseIdFromPath();
  const status = document.getElementById('status');
  let c;
  try {
    [c] = await Promise.all([api(`/v1/cases/${encodeURIComponent(id)}`), provisions()]);
  } catch (e) {
    status.textContent = refusal(e).message;
    return;
  }
  status.hidden = true;
  document.getElementById('register').textContent = `Nomor register ${c.registerNumber} · ${STATE[c.state] || c.state}`;
  document.getElementById('audit-link').href = `/audit/cases/${encodeURIComponent(c.caseId)}`;
  const e = c.employee;
  const dl = document.querySelector('#employee dl');
  dl.className = 'facts';
  for (const [k, v] of [['Nama', e.name], ['NIP', e.nip], ['Pangkat/golongan', e.rank], ['Jabatan', e.positionTitle],
                        ['Unit kerja', e.unitName]]) {
    dl.append(el('dt', k), el('dd', v || '—'));
  }
  for (const a of c.allegations || []) {
    document.getElementById('allegations').append(
      el('li', `${provisionWords(a.provisionId)}${a.description ? ' — ' + a.description : ''}`));
  }
  const proven = ((c.examination && c.examination.findings) || []).filter((f) => f.proven);
  for (const f of proven) {
    document.getElementById('findings').append(
      el('li', `${provisionWords(f.provisionId)}${f.absenceDays ? ` (${f.absenceDays} hari tidak masuk kerja)` : ''}`));
  }
  const rec = c.recommendation;
  const options = document.querySelector('#options tbody');
  const select = document.getElementById('punishment');
  const officials = {};
  if (rec) {
    const a = rec.assessment;
    document.getElementById('rec-summary').textContent =
        `Hukuman disiplin ${LEVEL[a.level] || ''}${a.punishment ? ': ' + PUNISHMENT[a.punishment] : ''}. ${a.explanation || ''}`;
    for (const b of a.legalBasis || []) document.getElementById('basis').append(el('li', b));
    for (const o of rec.officials || []) officials[o.punishment] = o;
    for (const o of a.options || []) {
      const who = officials[o.punishment];
      const name = who ? `${ROLE[who.official.role] || ''}: ${who.official.name || ''}${who.official.title ? ' (' + who.official.title + ')' : ''}` +
          (who.proposedBy && who.proposedBy.role ? `, atas usul ${ROLE[who.proposedBy.role]}` : '') : (ROLE[o.authority] || '—');
      const tr = el('tr');
      tr.append(el('td', PUNISHMENT[o.punishment]), el('td', name), el('td', REMEDY[o.remedy] || '—'));
      options.append(tr);
      select.append(el('option', PUNISHMENT[o.punishment], { value: o.punishment }));
    }
    if (a.punishment) select.value = a.punishment;
  }
  // The evidence, the BAP and the letters, each by its name and kind.
  for (const d of c.documents || []) {
    const li = el('li');
    li.append(el('a', d.metadata.fileName || d.ref.documentId, { href: `/v1/documents/${encodeURIComponent(d.ref.documentId)}` }));
    li.append(el('span', ` — ${DOCUMENT_KIND[d.metadata.kind] || 'Dokumen'}, ${sizeWords(d.ref.sizeBytes)}`, { class: 'muted' }));
    document.getElementById('doclist').append(li);
  }
  if (!(c.documents || []).length) document.getElementById('doclist').append(el('li', 'Tidak ada dokumen.'));
  for (const s of ['employee', 'facts', 'recommendation', 'documents']) document.getElementById(s).hidden = false;
  document.getElementById('decide').hidden = c.state !== 'CASE_STATE_RECOMMENDED';
  document.getElementById('decided_on').value = todayIn(c.agencyTimeZone);

  const form = document.getElementById('decision-form');
  const confirmBox = document.getElementById('confirm');
  const result = document.getElementById('result');
  const outcomeText = { DECISION_OUTCOME_APPROVE: 'Setujui', DECISION_OUTCOME_MODIFY: 'Ubah hukuman', DECISION_OUTCOME_REJECT: 'Tolak' };
  const request = () => {
    const outcome = form.querySelector('input[name=outcome]:checked').value;
    const r = {
      requestId: `page-${c.caseId}-${c.version}-${Date.now()}`, version: c.version, outcome,
      decisionNumber: document.getElementById('decision_number').value.trim(),
      decidedOn: document.getElementById('decided_on').value, reason: document.getElementById('reason').value.trim(),
    };
    if (outcome !== 'DECISION_OUTCOME_REJECT') r.punishment = select.value;
    return r;
  };
  if (c.state === 'CASE_STATE_RECOMMENDED') {
    document.getElementById('draft').hidden = false;
    const draw = () => draftSk(c, request(), officials);
    form.addEventListener('input', draw);
    form.addEventListener('change', draw);
    draw();
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const r = request();
    document.getElementById('confirm-text').textContent =
        `${outcomeText[r.outcome]}${r.punishment ? ': ' + PUNISHMENT[r.punishment] : ''}, Nomor SK ${r.decisionNumber || '—'}, ` +
        `tanggal ${r.decidedOn ? dateWords(r.decidedOn) : '—'}. Keputusan yang dikirim tercatat dalam riwayat perkara.`;
    confirmBox.hidden = false;
    document.getElementById('send').focus();
  });
  document.getElementById('cancel').addEventListener('click', () => { confirmBox.hidden = true; });
  document.getElementById('send').addEventListener('click', async () => {
    confirmBox.hidden = true;
    for (const s of document.querySelectorAll('.error')) s.textContent = '';
    result.textContent = 'Mengirim keputusan…';
    try {
      const done = await api(`/v1/cases/${encodeURIComponent(c.caseId)}:decide`, request());
      result.textContent = `Keputusan tercatat: ${STATE[done.state] || done.state}, Nomor SK ${done.decision.decisionNumber}.`;
      result.className = 'ok';
      document.getElementById('decision-form').hidden = true;
      document.getElementById('draft').hidden = true;
      document.getElementById('register').textContent = `Nomor register ${done.registerNumber} · ${STATE[done.state] || done.state}`;
      signSection(done);
    } catch (e) {
      const { message, fields } = refusal(e);
      let shown = false;
      for (const f of fields) {
        const span = document.getElementById(`${f}-error`);
        if (span) { span.textContent = message; shown = true; }
      }
      result.textContent = shown ? 'Keputusan ditolak; lihat keterangan pada isian.' : message;
      result.className = 'bad';
    }
  });
  if (c.decision) signSection(c);
}

// The SK as the decision form would make it, redrawn as the form changes:
// the official reads what is signed before sending it.
function draftSk(c, r, officials) {
  const letter = document.getElementById('draft-letter');
  letter.replaceChildren();
  const blank = (text, fallback) => el('span', text || fallback, text ? {} : { class: 'blank' });
  const p = (...parts) => { const e = el('p'); e.append(...parts.map((x) => (typeof x === 'string' ? document.createTextNode(x) : x))); return e; };
  const who = officials[r.punishment] || {};
  const official = (who.official || (c.recommendation && c.recommendation.authority) || {});
  letter.append(el('h3', `KEPUTUSAN ${(official.title || ROLE[official.role] || 'PEJABAT YANG BERWENANG MENGHUKUM').toUpperCase()}`));
  const number = el('p', null, { class: 'center' });
  number.append(document.createTextNode('NOMOR '), blank(r.decisionNumber, '(Nomor SK belum diisi)'));
  letter.append(number, el('p', 'TENTANG PENJATUHAN HUKUMAN DISIPLIN', { class: 'center' }));
  if (r.outcome === 'DECISION_OUTCOME_REJECT') {
    letter.append(p('Rekomendasi ditolak; tidak ada hukuman disiplin yang dijatuhkan. Alasan: ', blank(r.reason, '(alasan belum diisi)')));
    return;
  }
  const basis = el('ol');
  for (const b of (c.recommendation && c.recommendation.assessment.legalBasis) || []) basis.append(el('li', b));
  letter.append(p('Mengingat:'), basis, el('p', 'MEMUTUSKAN:', { class: 'center' }));
  letter.append(p('KESATU: Menjatuhkan hukuman disiplin berupa ', blank(PUNISHMENT[r.punishment] && PUNISHMENT[r.punishment].toLowerCase(), '(jenis hukuman belum dipilih)'), ' kepada:'));
  const dl = el('dl', null, { class: 'facts' });
  const e = c.employee;
  for (const [k, v] of [['Nama', e.name], ['NIP', e.nip], ['Pangkat/golongan', e.rank], ['Jabatan', e.positionTitle], ['Unit kerja', e.unitName]]) {
    dl.append(el('dt', k), el('dd', v || '—'));
  }
  letter.append(dl);
  const proven = ((c.examination && c.examination.findings) || []).filter((f) => f.proven);
  letter.append(p(`karena melanggar ${proven.map((f) => provisionWords(f.provisionId)).join('; ') || '—'}.`));
  letter.append(p('KEDUA: Keputusan ini mulai berlaku pada tanggal disampaikan kepada pegawai yang bersangkutan.'));
  const sig = el('div', null, { class: 'signature' });
  sig.append(p('Ditetapkan pada tanggal ', blank(r.decidedOn && dateWords(r.decidedOn), '(tanggal belum diisi)')),
             el('p', official.title || ROLE[official.role] || ''), el('p', official.name || ''),
             official.nip ? el('p', `NIP ${official.nip}`) : el('p', ''));
  letter.append(sig);
}

// After the decision: the SK rendered from the case, to open, print and sign.
async function signSection(c) {
  const box = document.getElementById('sk');
  const status = document.getElementById('sk-status');
  const links = document.getElementById('sk-links');
  const form = document.getElementById('sign-form');
  const result = document.getElementById('sign-result');
  box.hidden = false;
  links.replaceChildren();
  const d = c.decision || {};
  if (d.outcome === 'DECISION_OUTCOME_REJECT' || !d.punishment) {
    status.textContent = 'Tidak ada SK hukuman disiplin untuk ditandatangani.';
    return;
  }
  if (d.decisionDocumentId) {
    status.textContent = `SK nomor ${d.decisionNumber} telah ditandatangani secara elektronik.`;
    status.className = 'ok';
    links.append(el('a', 'Unduh SK yang ditandatangani', { href: `/v1/documents/${encodeURIComponent(d.decisionDocumentId)}` }));
    return;
  }
  let sk;
  try {
    const r = await api(`/v1/cases/${encodeURIComponent(c.caseId)}/letters`);
    sk = (r.letters || []).filter((l) => l.kind === 'LETTER_KIND_SK_HUKUMAN_DISIPLIN' && !l.signedAt).pop();
    if (!sk) sk = await api(`/v1/cases/${encodeURIComponent(c.caseId)}/letters`, { kind: 'LETTER_KIND_SK_HUKUMAN_DISIPLIN' });
  } catch (e) {
    status.textContent = refusal(e).message;
    status.className = 'bad';
    return;
  }
  const docId = sk.document.documentId;
  status.textContent = `SK nomor ${sk.number || d.decisionNumber} siap ditandatangani.`;
  links.append(el('a', 'Buka SK (PDF)', { href: `/v1/documents/${encodeURIComponent(docId)}`, id: 'sk-open' }));
  links.append(document.createTextNode(' '));
  const print = el('button', 'Cetak SK', { type: 'button' });
  print.addEventListener('click', () => printDocument(docId).catch((e) => { status.textContent = refusal(e).message; }));
  links.append(print);
  // The SK itself, in the page: what is signed is read first.
  try {
    const res = await fetch(`/v1/documents/${encodeURIComponent(docId)}`);
    if (res.ok) {
      const view = el('iframe', null, { id: 'sk-view', class: 'pdf', title: `SK nomor ${sk.number || d.decisionNumber}` });
      view.src = URL.createObjectURL(new Blob([await res.arrayBuffer()], { type: 'application/pdf' }));
      links.after(view);
    }
  } catch (e) {
    // The link above still opens it.
  }
  form.hidden = false;
  if (form.dataset.wired) return;
  form.dataset.wired = '1';
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const nik = form.nik.value.trim();
    const passphrase = form.passphrase.value;
    // The passphrase leaves the field at once: never kept in the page, the
    // URL or the browser's storage.
    form.passphrase.value = '';
    result.className = '';
    result.textContent = 'Menandatangani…';
    document.getElementById('sign').disabled = true;
    try {
      // LetterService.SignLetter: through the agency's BSrE client service.
      const now = await api(`/v1/cases/${encodeURIComponent(c.caseId)}`);
      const signed = await api(`/v1/cases/${encodeURIComponent(c.caseId)}/letters/${encodeURIComponent(sk.letterId)}:sign`,
                               { requestId: requestId('page-sign'), version: now.version, nik, passphrase });
      form.hidden = true;
      const view = document.getElementById('sk-view');
      if (view) view.remove();
      result.textContent = `SK nomor ${d.decisionNumber} telah ditandatangani secara elektronik.`;
      result.className = 'ok';
      const signedId = (signed.document && signed.document.documentId) || signed.letterId;
      links.replaceChildren(el('a', 'Unduh SK yang ditandatangani', { href: `/v1/documents/${encodeURIComponent(signedId)}` }));
      status.textContent = '';
    } catch (e) {
      showRefusal(form, e, result, 'Penandatanganan');
    } finally {
      document.getElementById('sign').disabled = false;
    }
  });
}

async function audit() {
  const id = caseIdFromPath();
  const verification = document.getElementById('verification');
  document.getElementById('export').href = `/v1/cases/${encodeURIComponent(id)}/history:export`;
  try {
    // The case the history is about; its agency's zone for the times.
    const c = await api(`/v1/cases/${encodeURIComponent(id)}`);
    const zone = c.agencyTimeZone;
    document.title = `Riwayat perkara ${c.registerNumber}`;
    document.getElementById('register').textContent = `Nomor register ${c.registerNumber} · ${STATE[c.state] || c.state}`;
    document.getElementById('employee').textContent =
        `Pegawai: ${c.employee.name} (NIP ${c.employee.nip})${c.employee.unitName ? ', ' + c.employee.unitName : ''}`;
    document.getElementById('time-h').textContent = `Waktu (${zoneName(zone)})`;
    const body = document.querySelector('#history tbody');
    let token = '';
    do {
      const page = await api(`/v1/cases/${encodeURIComponent(id)}/history?pageSize=500${token ? '&pageToken=' + token : ''}`);
      for (const e of page.events || []) {
        const tr = el('tr');
        const action = el('td', ACTION[e.action] || e.action);
        action.append(el('br'), el('span', e.action, { class: 'code' }));
        tr.append(el('td', e.sequence), el('td', timeIn(e.occurredAt, zone)), el('td', e.actor), action,
                  el('td', STATE[e.fromState] || '—'), el('td', STATE[e.toState] || '—'),
                  el('td', (e.hash || '').slice(0, 16) + '…', { class: 'hash', title: e.hash }));
        body.append(tr);
      }
      token = page.nextPageToken || '';
    } while (token);
    const v = await api(`/v1/cases/${encodeURIComponent(id)}/history:verify`);
    if (v.valid) {
      verification.textContent = `Rantai riwayat utuh: ${v.eventsChecked} peristiwa diperiksa.`;
      verification.className = 'ok';
    } else {
      verification.textContent = `Rantai riwayat RUSAK mulai peristiwa ${v.firstInvalidSequence}: ${v.reason}`;
      verification.className = 'bad';
    }
  } catch (e) {
    verification.textContent = refusal(e).message;
    verification.className = 'bad';
  }
}

// ---- /laporan/: the supervisors' reports, charts drawn as inline SVG ----

const ASPECT = {
  NEUTRALITY_ASPECT_POLITIK: 'Politik', NEUTRALITY_ASPECT_PELAYANAN_PUBLIK: 'Pelayanan publik',
  NEUTRALITY_ASPECT_PENGAMBILAN_KEPUTUSAN: 'Pengambilan keputusan',
};
// One colour per punishment, lightest to heaviest.
const PUNISHMENT_COLOUR = {
  PUNISHMENT_TEGURAN_LISAN: '#c6dbef', PUNISHMENT_TEGURAN_TERTULIS: '#9ecae1', PUNISHMENT_PERNYATAAN_TIDAK_PUAS: '#6baed6',
  PUNISHMENT_POTONGAN_TUKIN_6_BULAN: '#fdd49e', PUNISHMENT_POTONGAN_TUKIN_9_BULAN: '#fdae6b',
  PUNISHMENT_POTONGAN_TUKIN_12_BULAN: '#f16913', PUNISHMENT_PENURUNAN_JABATAN: '#cb181d',
  PUNISHMENT_PEMBEBASAN_JABATAN: '#99000d', PUNISHMENT_PDHTAPS: '#4a1486',
  PUNISHMENT_PENUNDAAN_KGB_1_TAHUN: '#fee6ce', PUNISHMENT_PENUNDAAN_PANGKAT_1_TAHUN: '#fd8d3c',
  PUNISHMENT_PENURUNAN_PANGKAT_1_TAHUN: '#d94801',
};
const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// Horizontal bars: [{label, value, text}] with value in [0, max].
// The frame both charts share: one row of `rowH` per item, a label column
// and the bars' width.
const CHART = { rowH: 26, labelW: 190, width: 640 };
CHART.barW = CHART.width - CHART.labelW - 70;
function chartFrame(title, rows) {
  const height = CHART.rowH * rows + 10;
  const chart = svg('svg', { width: CHART.width, height, role: 'img', 'aria-label': title,
                             viewBox: `0 0 ${CHART.width} ${height}` });
  chart.append(svg('title', {}, title));
  return chart;
}

function barChart(title, bars, max) {
  const { rowH, labelW, barW } = CHART;
  const chart = chartFrame(title, bars.length);
  bars.forEach((b, i) => {
    const y = 5 + i * rowH;
    chart.append(svg('text', { x: labelW - 8, y: y + 16, 'text-anchor': 'end', 'font-size': 13 }, b.label));
    chart.append(svg('rect', { x: labelW, y: y + 3, width: barW, height: rowH - 8, fill: '#eeeeee' }));
    const w = max > 0 ? Math.round(barW * b.value / max) : 0;
    chart.append(svg('rect', { x: labelW, y: y + 3, width: w, height: rowH - 8, fill: b.colour || '#2a6cd6' }));
    chart.append(svg('text', { x: labelW + barW + 6, y: y + 16, 'font-size': 13 }, b.text));
  });
  return chart;
}

// One stacked bar per agency: its punishments for a provision.
function stackedChart(title, agencies, departing) {
  const { rowH, labelW, barW } = CHART;
  const chart = chartFrame(title, agencies.length);
  agencies.forEach((a, i) => {
    const y = 5 + i * rowH;
    const mark = departing.has(a.code) ? '⚠ ' : '';
    chart.append(svg('text', { x: labelW - 8, y: y + 16, 'text-anchor': 'end', 'font-size': 13,
                               'font-weight': mark ? 'bold' : 'normal', fill: mark ? '#a40000' : '#1d1d1f' },
                     mark + a.code));
    let x = labelW;
    for (const [p, n] of a.counts) {
      const w = Math.max(1, Math.round(barW * n / a.total));
      const r = svg('rect', { x, y: y + 3, width: w, height: rowH - 8, fill: PUNISHMENT_COLOUR[p] || '#999999' });
      r.append(svg('title', {}, `${PUNISHMENT[p] || p}: ${n}`));
      chart.append(r);
      x += w;
    }
    chart.append(svg('text', { x: labelW + barW + 6, y: y + 16, 'font-size': 13 }, `${a.total} perkara`));
  });
  return chart;
}

function percent(rate) { return `${Math.round((rate || 0) * 1000) / 10}%`; }

async function laporan() {
  const status = document.getElementById('status');
  const form = document.getElementById('period');
  const today = new Date().toISOString().slice(0, 10);
  const params = new URLSearchParams(location.search);
  form.from.value = params.get('from') || `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  form.to.value = params.get('to') || today;
  form.aspect.value = params.get('aspect') || '';
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.search = new URLSearchParams({ from: form.from.value, to: form.to.value, aspect: form.aspect.value });
  });
  const q = new URLSearchParams({ from: form.from.value, to: form.to.value });
  if (form.aspect.value) q.set('neutralityAspect', form.aspect.value);
  // The report as a file (docs/intranet.md "Report exports"): plain links, the
  // proxy adds the Authorization header to them as to the page's own calls.
  for (const [id, route] of [['follow', 'follow-through'], ['consistency', 'consistency']]) {
    for (const format of ['csv', 'csv-excel', 'xlsx']) {
      document.getElementById(`${format}-${id}`).href = `/v1/reports/${route}?${q}&format=${format}`;
    }
  }
  status.textContent = 'Memuat laporan…';
  try {
    const [follow, consistency] = await Promise.all([
      api(`/v1/reports/follow-through?${q}`), api(`/v1/reports/consistency?${q}`)]);
    const rows = follow.rows || [];
    document.getElementById('chart-follow').append(barChart('Tingkat tindak lanjut per instansi',
      rows.map((r) => ({ label: r.agencyCode, value: r.followThroughRate || 0, text: percent(r.followThroughRate),
                         colour: (r.followThroughRate || 0) < 0.5 ? '#cb181d' : '#2a6cd6' })), 1));
    const body = document.querySelector('#follow tbody');
    for (const r of rows.concat(follow.total && follow.total.received ? [{ ...follow.total, agencyCode: 'Jumlah' }] : [])) {
      const tr = el('tr');
      tr.append(el('th', r.agencyCode, { scope: 'row' }), el('td', r.received || 0), el('td', r.decidedInTime || 0),
                el('td', r.decidedLate || 0), el('td', r.open || 0), el('td', r.overdue || 0),
                el('td', r.blockingRequested || 0), el('td', percent(r.followThroughRate)));
      body.append(tr);
    }
    const aspects = follow.aspects || [];
    const most = Math.max(1, ...aspects.map((a) => Number(a.cases || 0)));
    document.getElementById('chart-aspect').append(barChart('Perkara per aspek netralitas',
      aspects.map((a) => ({ label: ASPECT[a.neutralityAspect], value: Number(a.cases || 0),
                            text: `${a.cases || 0} perkara (${a.decided || 0} diputus)` })), most));
    const holder = document.getElementById('consistency');
    for (const p of consistency.provisions || []) {
      const section = el('div', null, { class: 'provision' });
      section.append(el('h3', `${p.provisionId}: ${p.cases} perkara; pola nasional ${PUNISHMENT[p.nationalUsual] || '—'}`));
      const byAgency = new Map();
      for (const r of consistency.rows || []) {
        if (r.provisionId !== p.provisionId) continue;
        const a = byAgency.get(r.agencyCode) || { code: r.agencyCode, counts: [], total: 0 };
        a.counts.push([r.punishment, Number(r.count)]);
        a.total += Number(r.count);
        byAgency.set(r.agencyCode, a);
      }
      const departing = new Set((p.departingAgencies || []).map((d) => d.agencyCode));
      section.append(stackedChart(`Hukuman untuk ${p.provisionId} per instansi`, [...byAgency.values()], departing));
      const list = el('ul');
      for (const d of p.departingAgencies || []) list.append(el('li', `⚠ ${d.agencyCode}: ${d.explanation}`));
      if (list.children.length) section.append(list);
      holder.append(section);
    }
    const legend = el('ul', null, { class: 'legend', 'aria-label': 'Keterangan warna' });
    for (const [p, colour] of Object.entries(PUNISHMENT_COLOUR)) {
      const item = el('li');
      const swatch = svg('svg', { width: 12, height: 12, 'aria-hidden': 'true' });
      swatch.append(svg('rect', { width: 12, height: 12, fill: colour }));
      item.append(swatch, document.createTextNode(' ' + PUNISHMENT[p]));
      legend.append(item);
    }
    holder.append(legend);
    status.textContent = `Laporan ${follow.from} s.d. ${follow.to}; lewat tenggat dihitung per ${follow.asOf}.`;
  } catch (e) {
    status.textContent = refusal(e).message;
    status.className = 'bad';
  }
}

// ---- /kasus/: the workspace of the agency's operators and examiners ----

async function kasus() {
  await provisions();
  const m = location.pathname.match(/^\/kasus\/cases\/([^/]+)$/);
  if (m) return kasusCase(decodeURIComponent(m[1]));
  return kasusList();
}

function fillSelect(select, entries, blank) {
  if (blank !== undefined) select.append(el('option', blank, { value: '' }));
  for (const [value, text] of entries) select.append(el('option', text, { value }));
}

async function kasusList() {
  const status = document.getElementById('status');
  const filters = document.getElementById('filters');
  const params = new URLSearchParams(location.search);
  fillSelect(document.getElementById('f-state'), Object.entries(STATE));
  filters.state.value = params.get('state') || '';
  filters.nip.value = params.get('nip') || '';
  filters.overdue.checked = params.get('overdue') === '1';
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    if (filters.state.value) q.set('state', filters.state.value);
    if (filters.nip.value.trim()) q.set('nip', filters.nip.value.trim());
    if (filters.overdue.checked) q.set('overdue', '1');
    location.search = q.toString();
  });
  const q = new URLSearchParams({ pageSize: '50' });
  if (filters.state.value) q.set('state', filters.state.value);
  if (filters.nip.value) q.set('employeeNip', filters.nip.value.replace(/\s+/g, ''));
  if (filters.overdue.checked) q.set('overdueOnly', 'true');
  const body = document.querySelector('#cases tbody');
  const more = document.getElementById('more');
  let shown = 0;
  let agency = '';
  let zone = '';
  const page = async (token) => {
    if (token) q.set('pageToken', token);
    const r = await api(`/v1/cases?${q}`);
    for (const c of r.cases || []) {
      agency = agency || c.agencyCode;
      zone = zone || c.agencyTimeZone;
      const tr = el('tr');
      const reg = el('td');
      reg.append(el('a', c.registerNumber, { href: `/kasus/cases/${encodeURIComponent(c.caseId)}` }));
      const d = (c.openDeadlines || []).slice().sort((x, y) => (x.dueOn < y.dueOn ? -1 : 1))[0];
      const due = !d ? '—' : `${DEADLINE[d.what] || d.what}: ${dateWords(d.dueOn)}` +
          (d.workingDaysLeft === undefined ? '' : d.workingDaysLeft >= 0 ? ` (${d.workingDaysLeft} hari kerja lagi)`
                                                                             : ` (lewat ${-d.workingDaysLeft} hari kerja)`);
      tr.append(reg, el('td', `${c.employee.name} (${c.employee.nip})`),
                el('td', (c.allegations || []).map((a) => provisionWords(a.provisionId)).join('; ')),
                el('td', STATE[c.state] || c.state), el('td', dateWords(c.receivedOn)), el('td', due));
      body.append(tr);
      shown += 1;
    }
    more.hidden = !r.nextPageToken;
    more.onclick = () => page(r.nextPageToken).catch((e) => { status.textContent = refusal(e).message; });
    status.textContent = shown === 0 ? 'Tidak ada perkara yang cocok dengan saringan.' : `${shown} perkara ditampilkan.`;
  };
  document.getElementById('list-view').hidden = false;
  try {
    await page('');
  } catch (e) {
    status.textContent = refusal(e).message;
    status.className = 'bad';
  }
  kasusFileForm(agency, zone);
}

// The agency and its time zone are those of the listed cases (an operator
// sees its own agency's only).
function kasusFileForm(agency, zone) {
  const form = document.getElementById('file-form');
  const result = document.getElementById('file-result');
  fillSelect(form.source, Object.entries(SOURCE));
  const provs = [...provisionsById.values()].map((p) => [p.id, `${p.article || p.id} — ${p.summary}`]);
  fillSelect(form.provision_id, provs, 'Pilih ketentuan…');
  form.agency_code.value = agency || localStorage.getItem('kasus.agency') || '';
  form.received_on.value = todayIn(zone);
  // One key per filled form: a repeated submission answers the first result.
  let key = requestId('kasus-file');
  form.addEventListener('input', () => { key = requestId('kasus-file'); });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const button = document.getElementById('file-submit');
    button.disabled = true;
    result.className = '';
    try {
      const documentIds = [];
      for (const file of form.evidence.files) {
        result.textContent = `Mengunggah ${file.name}…`;
        documentIds.push((await upload(file, 'DOCUMENT_KIND_BUKTI')).documentId);
      }
      const allegation = { provisionId: form.provision_id.value, occurredOn: form.occurred_on.value,
                           description: form.description.value.trim() };
      if (form.impact.value) allegation.impact = form.impact.value;
      if (form.absence_days.value) allegation.absenceDays = Number(form.absence_days.value);
      const body = { requestId: key, agencyCode: form.agency_code.value.trim(),
                     employeeNip: form.employee_nip.value.trim(), source: form.source.value,
                     receivedOn: form.received_on.value, allegations: [allegation], documentIds };
      if (form.reporter.value.trim()) body.reporter = form.reporter.value.trim();
      result.textContent = 'Mencatat perkara…';
      const c = await api('/v1/cases', body);
      localStorage.setItem('kasus.agency', c.agencyCode);
      sessionStorage.setItem('kasus.flash', `Perkara ${c.registerNumber} tercatat.`);
      location.href = `/kasus/cases/${encodeURIComponent(c.caseId)}`;
    } catch (e) {
      showRefusal(form, e, result, 'Pencatatan perkara');
    } finally {
      button.disabled = false;
    }
  });
}

async function kasusCase(id) {
  const status = document.getElementById('status');
  let c;
  try {
    c = await api(`/v1/cases/${encodeURIComponent(id)}`);
  } catch (e) {
    status.textContent = refusal(e).message;
    status.className = 'bad';
    return;
  }
  const zone = c.agencyTimeZone;
  document.title = `Perkara ${c.registerNumber}`;
  document.getElementById('title').textContent = `Perkara ${c.registerNumber}`;
  document.getElementById('register').textContent = `${c.employee.name} · NIP ${c.employee.nip} · ${STATE[c.state] || c.state}`;
  const flash = sessionStorage.getItem('kasus.flash');
  sessionStorage.removeItem('kasus.flash');
  status.textContent = flash || '';
  status.className = flash ? 'ok' : '';
  const e = c.employee;
  const dl = document.getElementById('summary');
  for (const [k, v] of [['Nomor register', c.registerNumber], ['Tahap', STATE[c.state] || c.state],
                        ['Pegawai', `${e.name} (NIP ${e.nip})`], ['Pangkat/golongan', e.rank],
                        ['Jabatan', e.positionTitle], ['Unit kerja', e.unitName],
                        ['Sumber laporan', SOURCE[c.source] || '—'], ['Diterima', dateWords(c.receivedOn)],
                        ['Diperbarui', timeIn(c.updatedAt, zone)]]) {
    dl.append(el('dt', k), el('dd', v || '—'));
  }
  for (const a of c.allegations || []) {
    document.getElementById('case-allegations').append(
      el('li', `${provisionWords(a.provisionId)}${a.occurredOn ? ` (${dateWords(a.occurredOn)})` : ''}` +
               `${a.description ? ' — ' + a.description : ''}`));
  }
  const deadlines = document.getElementById('deadlines');
  for (const d of c.openDeadlines || []) {
    deadlines.append(el('li', `${DEADLINE[d.what] || d.what}: ${dateWords(d.dueOn)}` +
                              `${d.legalBasis ? ' (' + d.legalBasis + ')' : ''}`));
  }
  if (!deadlines.children.length) deadlines.append(el('li', 'Tidak ada.'));
  document.getElementById('audit-link').href = `/audit/cases/${encodeURIComponent(c.caseId)}`;
  kasusSteps(c);
  kasusLetters(c);
  const docs = document.querySelector('#documents tbody');
  for (const d of c.documents || []) {
    const tr = el('tr');
    const name = el('td');
    name.append(el('a', d.metadata.fileName || d.ref.documentId, { href: `/v1/documents/${encodeURIComponent(d.ref.documentId)}` }));
    tr.append(name, el('td', DOCUMENT_KIND[d.metadata.kind] || '—'), el('td', sizeWords(d.ref.sizeBytes)));
    docs.append(tr);
  }
  if (!docs.children.length) docs.append(el('tr')).append(el('td', 'Belum ada dokumen.', { colspan: '3' }));
  document.getElementById('case-view').hidden = false;
}

// The form of each step the case can take now.
function kasusSteps(c) {
  const zone = c.agencyTimeZone;
  const today = todayIn(zone);
  const result = document.getElementById('step-result');
  const none = document.getElementById('next-none');
  const show = (formId) => { const f = document.getElementById(formId); f.hidden = false; return f; };
  const submit = (form, verb, what, build) => {
    let key = requestId(`kasus-${verb}`);
    form.addEventListener('input', () => { key = requestId(`kasus-${verb}`); });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      result.className = '';
      result.textContent = 'Menyimpan…';
      for (const b of form.querySelectorAll('button')) b.disabled = true;
      try {
        const body = await build(form);
        body.requestId = key;
        body.version = c.version;
        const done = await api(`/v1/cases/${encodeURIComponent(c.caseId)}:${verb}`, body);
        sessionStorage.setItem('kasus.flash', `${what} tersimpan; tahap perkara: ${STATE[done.state] || done.state}.`);
        location.reload();
      } catch (e) {
        showRefusal(form, e, result, what);
      } finally {
        for (const b of form.querySelectorAll('button')) b.disabled = false;
      }
    });
  };
  const summons = (second) => {
    const f = show('summon-form');
    document.getElementById('summon-h').textContent = second ? 'Panggilan kedua (PP 94/2021 Pasal 26 ayat (2))'
                                                             : 'Panggilan pemeriksaan (PP 94/2021 Pasal 26)';
    f.issued_on.value = today;
    const last = (c.summonses || [])[c.summonses ? c.summonses.length - 1 : 0];
    if (last) {
      f.examiner_nips.value = (last.examinerNips || []).join(', ');
      f.examination_team_nips.value = (last.examinationTeamNips || []).join(', ');
      f.examination_place.value = last.examinationPlace || '';
      f.signatory_nip.value = last.signatoryNip || '';
    }
    submit(f, 'summon', 'Panggilan', (form) => {
      const b = { issuedOn: form.issued_on.value, examinationOn: form.examination_on.value,
                  letterNumber: form.letter_number.value.trim(), examinationTime: form.examination_time.value,
                  examinationPlace: form.examination_place.value.trim(), signatoryNip: form.signatory_nip.value.trim(),
                  examinerNips: splitNips(form.examiner_nips.value),
                  examinationTeamNips: splitNips(form.examination_team_nips.value) };
      if (form.examination_team_decree_number.value.trim()) {
        b.examinationTeamDecreeNumber = form.examination_team_decree_number.value.trim();
      }
      return b;
    });
  };
  switch (c.state) {
    case 'CASE_STATE_RECEIVED':
      summons(false);
      break;
    case 'CASE_STATE_SUMMONED': {
      const f = show('examine-form');
      f.examined_on.value = today;
      const last = c.summonses[c.summonses.length - 1] || {};
      f.examiner_nips.value = (last.examinerNips || []).join(', ');
      const holder = document.getElementById('e-findings');
      (c.allegations || []).forEach((a, i) => {
        const row = el('div', null, { class: 'finding' });
        const proven = el('input', null, { type: 'checkbox', id: `e-proven-${i}`, 'data-provision': a.provisionId });
        const label = el('label', null, { for: `e-proven-${i}`, class: 'inline' });
        label.append(proven, document.createTextNode(` Terbukti: ${provisionWords(a.provisionId)}`));
        const days = el('input', null, { type: 'number', min: '0', max: '366', id: `e-days-${i}`, value: a.absenceDays || '' });
        const dl = el('label', 'Hari tidak masuk kerja (setahun)', { for: `e-days-${i}` });
        const impact = el('select', null, { id: `e-impact-${i}` });
        fillSelect(impact, [['IMPACT_UNIT_KERJA', 'Unit kerja'], ['IMPACT_INSTANSI', 'Instansi'], ['IMPACT_NEGARA', 'Negara']],
                   'Dampak belum ditentukan');
        impact.value = a.impact && a.impact !== 'IMPACT_UNSPECIFIED' ? a.impact : '';
        const il = el('label', 'Dampak', { for: `e-impact-${i}` });
        const p1 = el('p'); p1.append(label);
        const p2 = el('p'); p2.append(dl, days);
        const p3 = el('p'); p3.append(il, impact);
        row.append(p1, p2, p3);
        holder.append(row);
      });
      submit(f, 'recordExamination', 'Hasil pemeriksaan', async (form) => {
        const findings = (c.allegations || []).map((a, i) => {
          const x = { provisionId: a.provisionId, proven: document.getElementById(`e-proven-${i}`).checked };
          const days = document.getElementById(`e-days-${i}`).value;
          if (days) x.absenceDays = Number(days);
          const impact = document.getElementById(`e-impact-${i}`).value;
          if (impact) x.impact = impact;
          if (a.candidateStatus) x.candidateStatus = a.candidateStatus;
          if (a.neutralityAspect) x.neutralityAspect = a.neutralityAspect;
          return x;
        });
        const b = { examinedOn: form.examined_on.value, attended: form.attended.checked, findings,
                    examinerNips: splitNips(form.examiner_nips.value) };
        if (form.bap.files.length) {
          result.textContent = 'Mengunggah BAP…';
          b.bapDocumentId = (await upload(form.bap.files[0], 'DOCUMENT_KIND_BAP', c.caseId)).documentId;
        }
        return b;
      });
      // PP 94/2021 Pasal 26 ayat (3): a second summons after a missed examination.
      if (c.summonses.length === 1 && c.summonses[0].missed) summons(true);
      break;
    }
    case 'CASE_STATE_EXAMINED': {
      const proven = ((c.examination && c.examination.findings) || []).some((x) => x.proven);
      if (proven) {
        const f = show('recommend-form');
        f.recommended_on.value = today;
        submit(f, 'recommend', 'Rekomendasi', (form) => ({ recommendedOn: form.recommended_on.value }));
      } else {
        const f = show('close-form');
        f.reason.value = 'Tidak terbukti melakukan pelanggaran disiplin.';
        submit(f, 'close', 'Penutupan perkara', (form) => ({ reason: form.reason.value.trim() }));
      }
      break;
    }
    case 'CASE_STATE_DECIDED':
      if (!c.deliveredOn) {
        const f = show('deliver-form');
        f.delivered_on.value = today;
        submit(f, 'recordDelivery', 'Penyampaian keputusan', (form) => ({ deliveredOn: form.delivered_on.value }));
      } else {
        const f = show('close-form');
        submit(f, 'close', 'Penutupan perkara', (form) => ({ reason: form.reason.value.trim() }));
      }
      break;
    case 'CASE_STATE_RECOMMENDED': {
      const a = (c.recommendation && c.recommendation.authority) || {};
      none.textContent = `Menunggu keputusan ${ROLE[a.role] || 'pejabat yang berwenang'}` +
                         `${a.name ? ': ' + a.name : ''}${a.title ? ' (' + a.title + ')' : ''}.`;
      none.hidden = false;
      break;
    }
    default:
      none.textContent = `Perkara pada tahap ${STATE[c.state] || c.state}: tidak ada langkah yang dicatat di halaman ini.`;
      none.hidden = false;
  }
}

async function kasusLetters(c) {
  const select = document.getElementById('letter-kind');
  fillSelect(select, Object.entries(LETTER_KIND));
  if (c.state === 'CASE_STATE_SUMMONED') select.value = 'LETTER_KIND_SURAT_PANGGILAN';
  if (c.decision) select.value = 'LETTER_KIND_SK_HUKUMAN_DISIPLIN';
  const result = document.getElementById('letter-result');
  const body = document.querySelector('#letters tbody');
  const row = (l) => {
    const tr = el('tr');
    const label = `${LETTER_KIND[l.kind] || l.kind} ${l.number || ''}`.trim();
    tr.append(el('td', LETTER_KIND[l.kind] || l.kind), el('td', l.number || '—'),
              el('td', timeIn(l.renderedAt, c.agencyTimeZone)), documentActions(l.document.documentId, label));
    return tr;
  };
  try {
    const r = await api(`/v1/cases/${encodeURIComponent(c.caseId)}/letters`);
    for (const l of r.letters || []) body.append(row(l));
    if (!body.children.length) body.append(el('tr', null, { id: 'no-letters' })).append(el('td', 'Belum ada surat.', { colspan: '4' }));
  } catch (e) {
    result.textContent = refusal(e).message;
  }
  document.getElementById('letter-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    result.className = '';
    result.textContent = 'Membuat surat…';
    try {
      const l = await api(`/v1/cases/${encodeURIComponent(c.caseId)}/letters`, { kind: select.value });
      const empty = document.getElementById('no-letters');
      if (empty) empty.remove();
      body.append(row(l));
      result.textContent = `${LETTER_KIND[l.kind] || l.kind} nomor ${l.number || '—'} dibuat; siap diunduh atau dicetak.`;
      result.className = 'ok';
    } catch (e) {
      result.textContent = refusal(e).message;
      result.className = 'bad';
    }
  });
}

// On a phone a table of class "cards" shows each row as a card (app.css),
// each cell under its column's name: the names are set on the cells as rows
// come.
function labelCards() {
  for (const table of document.querySelectorAll('table.cards')) {
    const label = () => {
      const names = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      for (const tr of table.tBodies[0].rows) {
        [...tr.cells].forEach((td, i) => {
          if (names[i] && td.colSpan === 1 && !td.dataset.label) td.dataset.label = names[i];
        });
      }
    };
    label();
    new MutationObserver(label).observe(table.tBodies[0], { childList: true });
  }
}

document.addEventListener('DOMContentLoaded', () => {
  labelCards();
  const page = document.body.dataset.page;
  if (page === 'inbox') inbox();
  if (page === 'decision') decision();
  if (page === 'audit') audit();
  if (page === 'laporan') laporan();
  if (page === 'kasus') kasus();
});
