// The PPK's pages: plain JavaScript over the /v1 JSON API of this gateway.
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
    c = await api(`/v1/cases/${encodeURIComponent(id)}`);
  } catch (e) {
    status.textContent = refusal(e).message;
    return;
  }
  status.hidden = true;
  document.getElementById('register').textContent = `Nomor register ${c.registerNumber} · ${STATE[c.state] || c.state}`;
  const e = c.employee;
  const dl = document.querySelector('#employee dl');
  for (const [k, v] of [['Nama', e.name], ['NIP', e.nip], ['Pangkat/golongan', e.rank], ['Jabatan', e.positionTitle],
                        ['Unit kerja', e.unitName]]) {
    dl.append(el('dt', k), el('dd', v || '—'));
  }
  for (const a of c.allegations || []) {
    document.getElementById('allegations').append(el('li', `${a.provisionId}${a.description ? ': ' + a.description : ''}`));
  }
  for (const f of (c.examination && c.examination.findings) || []) {
    if (f.proven) document.getElementById('findings').append(el('li', f.provisionId));
  }
  const rec = c.recommendation;
  const options = document.querySelector('#options tbody');
  const select = document.getElementById('punishment');
  if (rec) {
    const a = rec.assessment;
    document.getElementById('rec-summary').textContent =
        `Hukuman disiplin ${LEVEL[a.level] || ''}${a.punishment ? ': ' + PUNISHMENT[a.punishment] : ''}. ${a.explanation || ''}`;
    for (const b of a.legalBasis || []) document.getElementById('basis').append(el('li', b));
    const officials = {};
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
  for (const d of c.documentIds || []) {
    const li = el('li');
    li.append(el('a', d, { href: `/v1/documents/${encodeURIComponent(d)}` }));
    li.append(el('span', ' (isi diperiksa terhadap hash SHA-256 saat diunduh)'));
    document.getElementById('doclist').append(li);
  }
  for (const s of ['employee', 'facts', 'recommendation', 'documents']) document.getElementById(s).hidden = false;
  document.getElementById('decide').hidden = c.state !== 'CASE_STATE_RECOMMENDED';
  document.getElementById('decided_on').value = new Date().toISOString().slice(0, 10);

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
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const r = request();
    document.getElementById('confirm-text').textContent =
        `${outcomeText[r.outcome]}${r.punishment ? ': ' + PUNISHMENT[r.punishment] : ''}, Nomor SK ${r.decisionNumber || '—'}, ` +
        `tanggal ${r.decidedOn || '—'}. Keputusan yang dikirim tercatat dalam riwayat perkara.`;
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
}

async function audit() {
  const id = caseIdFromPath();
  const verification = document.getElementById('verification');
  document.getElementById('export').href = `/v1/cases/${encodeURIComponent(id)}/history:export`;
  try {
    const body = document.querySelector('#history tbody');
    let token = '';
    do {
      const page = await api(`/v1/cases/${encodeURIComponent(id)}/history?pageSize=500${token ? '&pageToken=' + token : ''}`);
      for (const e of page.events || []) {
        const tr = el('tr');
        tr.append(el('td', e.sequence), el('td', e.occurredAt), el('td', e.actor), el('td', e.action),
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
  document.getElementById('csv-follow').href = `/v1/reports/follow-through?${q}&format=csv`;
  document.getElementById('csv-consistency').href = `/v1/reports/consistency?${q}&format=csv`;
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

document.addEventListener('DOMContentLoaded', () => {
  const page = document.body.dataset.page;
  if (page === 'inbox') inbox();
  if (page === 'decision') decision();
  if (page === 'audit') audit();
  if (page === 'laporan') laporan();
});
