// Portico dashboard. Polls the admin API (objects with status, the served route table, request counters) and
// renders it; rates are deltas of the counters between polls. Every value from the API goes into the page as text
// (textContent), never as HTML: names come from user manifests.
'use strict';
(() => {
  const POLL_MS = 1500;
  const WINDOW_MS = 10000; // rates and the observed split look at the last 10 s
  const MIN_SPAN_MS = 200; // two samples closer than this give no meaningful rate
  const MIN_SPLIT_REQUESTS = 100; // fewer requests in the window make a noisy share: show the totals instead
  const samples = [];
  let data = null;

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) el.setAttribute(k, String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  const fixed = (x, digits) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(digits));
  const rateText = (x) => (x === null ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const key = (...parts) => parts.join('\u0000');
  const routeLabel = (s) => `${s.kind.toLowerCase()}/${s.namespace}/${s.name}/rule/${s.rule}`;
  const isError = (code) => !(code === 'OK' || /^[23]\d\d$/.test(code));

  function backendName(id) {
    const p = (id || '').split('/');
    return p.length >= 5 && p[0] === 'service' && p[3] === 'port' ? `service ${p[1]}/${p[2]}:${p[4]}` : id || 'invalid (no backend)';
  }

  function condition(conditions, type) {
    return (conditions || []).find((c) => c.type === type) || { type, status: 'Unknown', reason: '', message: 'not reported' };
  }

  function badge(c, label) {
    const reason = c.reason && c.reason !== c.type ? ` (${c.reason})` : '';
    return h('span', { class: `badge ${c.status}`, title: `${c.reason}: ${c.message}` }, `${label || c.type}: ${c.status}${reason}`);
  }

  async function getJson(path) {
    const response = await fetch(path, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}`);
    return response.json();
  }

  // :: Counters → samples → rates
  function addSample(stats) {
    const s = { t: stats.unixMilliseconds, routes: new Map(), errors: new Map(), pairs: new Map(), backends: new Map() };
    const add = (map, k, n) => map.set(k, (map.get(k) || 0) + n);
    for (const r of stats.routes) {
      add(s.routes, r.route, r.count);
      if (isError(r.code)) add(s.errors, r.route, r.count);
    }
    for (const b of stats.backends) {
      add(s.pairs, key(b.route, b.backend), b.count);
      add(s.backends, b.backend, b.count);
    }
    samples.push(s);
    while (samples.length > 2 && s.t - samples[1].t >= WINDOW_MS) samples.shift();
  }

  const last = () => samples[samples.length - 1];

  function windowBase() {
    const first = samples[0];
    return first && last().t - first.t >= MIN_SPAN_MS ? first : null;
  }

  function delta(map, k) {
    const base = windowBase();
    return base ? (last()[map].get(k) || 0) - (base[map].get(k) || 0) : null;
  }

  function rate(map, k) {
    const base = windowBase();
    const d = delta(map, k);
    return d === null ? null : d / ((last().t - base.t) / 1000);
  }

  function sumByPrefix(map, prefix, f) {
    let total = 0;
    for (const k of last()[map].keys()) if (k.startsWith(prefix)) total += f(k);
    return total;
  }

  // :: Sections
  function renderGateways(items) {
    const gateways = items.filter((o) => o.kind === 'Gateway');
    if (gateways.length === 0) return [h('p', { class: 'muted' }, 'No Gateways.')];
    return gateways.map((g) => {
      const status = g.status || {};
      const listeners = (g.spec.listeners || []).map((l) => {
        const ls = (status.listeners || []).find((x) => x.name === l.name) || {};
        return h('tr', { 'data-listener': l.name },
          h('td', {}, l.name), h('td', { class: 'num' }, l.port), h('td', {}, l.protocol), h('td', {}, l.hostname || '*'),
          h('td', { class: 'num' }, ls.attachedRoutes ?? 0),
          h('td', {}, badge(condition(ls.conditions, 'Programmed')), badge(condition(ls.conditions, 'Accepted'))));
      });
      const addresses = (status.addresses || []).map((a) => a.value).join(', ') || 'no address';
      return h('div', { class: 'card', 'data-gateway': `${g.metadata.namespace}/${g.metadata.name}` },
        h('h3', {}, `${g.metadata.namespace}/${g.metadata.name}`,
          badge(condition(status.conditions, 'Programmed')), badge(condition(status.conditions, 'Accepted'))),
        h('div', { class: 'meta' }, `class ${g.spec.gatewayClassName} · ${addresses}`),
        h('table', {}, h('tr', {}, ['Listener', 'Port', 'Protocol', 'Hostname', 'Routes', 'State'].map((t) => h('th', {}, t))), listeners));
    });
  }

  function renderRoutes(items) {
    const routes = items.filter((o) => o.kind === 'GRPCRoute' || o.kind === 'HTTPRoute');
    const head = h('tr', {}, ['Route', 'Hostnames', 'Parents and conditions', 'req/s', 'errors/s', 'requests'].map((t, i) => h('th', { class: i >= 3 ? 'num' : null }, t)));
    if (routes.length === 0) return [head, h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No routes.'))];
    return [head, ...routes.map((r) => {
      const ns = r.metadata.namespace;
      const prefix = `${r.kind.toLowerCase()}/${ns}/${r.metadata.name}/rule/`;
      const parents = (r.status?.parents || []).map((p) => h('div', {},
        h('span', { class: 'mono' }, `${p.parentRef.kind || 'Gateway'} ${p.parentRef.namespace || ns}/${p.parentRef.name}${p.parentRef.sectionName ? ':' + p.parentRef.sectionName : ''} `),
        (p.conditions || []).map((c) => badge(c))));
      const rps = windowBase() ? sumByPrefix('routes', prefix, (k) => rate('routes', k)) : null;
      const eps = windowBase() ? sumByPrefix('errors', prefix, (k) => rate('errors', k)) : null;
      return h('tr', { 'data-route': `${r.kind}/${ns}/${r.metadata.name}` },
        h('td', {}, h('div', {}, h('b', {}, r.metadata.name)), h('div', { class: 'muted' }, `${r.kind} · ${ns}`)),
        h('td', {}, (r.spec.hostnames || []).join(', ') || '*'),
        h('td', {}, parents.length ? parents : h('span', { class: 'muted' }, 'no parent of this gateway')),
        h('td', { class: 'num' }, rateText(rps)), h('td', { class: 'num' }, rateText(eps)),
        h('td', { class: 'num' }, sumByPrefix('routes', prefix, (k) => last().routes.get(k))));
    })];
  }

  function ruleSplits(config) {
    const rules = new Map();
    for (const listener of config.listeners || []) {
      for (const vhost of listener.virtualHosts || []) {
        for (const e of [...(vhost.grpcRoutes || []), ...(vhost.httpRoutes || [])]) {
          const destinations = e.action?.destinations || [];
          const label = routeLabel(e.source);
          if (destinations.length >= 2 && !rules.has(label)) rules.set(label, { source: e.source, destinations });
        }
      }
    }
    return [...rules.entries()];
  }

  function bar(title, parts) {
    const total = parts.reduce((a, p) => a + p.value, 0);
    const segments = total > 0
      ? parts.map((p, i) => h('div', { class: `seg c${i % 6}`, style: `width:${(100 * p.value) / total}%`, title: `${p.name}: ${fixed((100 * p.value) / total, 1)}%` },
        p.value / total >= 0.06 ? `${fixed((100 * p.value) / total, 1)}%` : ''))
      : [h('div', { class: 'seg muted', style: 'width:100%;color:#5f6b7a' }, 'no requests yet')];
    return h('div', { class: 'barrow' }, h('div', {}, title), h('div', { class: 'bar' }, segments));
  }

  function renderSplits(config) {
    const splits = ruleSplits(config);
    if (splits.length === 0) return [h('p', { class: 'muted' }, 'No rule splits traffic between several backends.')];
    return splits.map(([label, { source, destinations }]) => {
      const ids = destinations.map((d) => d.backendId || 'invalid');
      const recent = ids.map((id) => delta('pairs', key(label, id)) || 0);
      const useRecent = recent.reduce((a, b) => a + b, 0) >= MIN_SPLIT_REQUESTS;
      const observed = useRecent ? recent : ids.map((id) => last().pairs.get(key(label, id)) || 0);
      const observedTotal = observed.reduce((a, b) => a + b, 0);
      const weightTotal = destinations.reduce((a, d) => a + d.weight, 0);
      const legend = destinations.map((d, i) => {
        const share = observedTotal > 0 ? (100 * observed[i]) / observedTotal : null;
        return h('tr', {},
          h('td', { class: 'mono' }, h('span', { class: `swatch c${i % 6}` }), backendName(d.backendId)),
          h('td', { class: 'num' }, d.weight),
          h('td', { class: 'num' }, `${fixed((100 * d.weight) / weightTotal, 1)}%`),
          h('td', { class: 'num' }, h('span', { class: 'share', 'data-route': label, 'data-backend': ids[i], 'data-observed': fixed(share, 1) }, share === null ? '–' : `${fixed(share, 1)}%`)),
          h('td', { class: 'num' }, rateText(rate('pairs', key(label, ids[i])))),
          h('td', { class: 'num' }, last().pairs.get(key(label, ids[i])) || 0));
      });
      const name = `${source.kind} ${source.namespace}/${source.name} rule ${source.rule}${source.ruleName ? ` [${source.ruleName}]` : ''}`;
      return h('div', { class: 'split', 'data-split': label },
        h('h3', {}, name, h('span', { class: 'muted' }, ` · ${rateText(rate('routes', label))} req/s`)),
        bar('configured', destinations.map((d) => ({ name: backendName(d.backendId), value: d.weight }))),
        bar(useRecent ? 'observed (10 s)' : 'observed (all)', destinations.map((d, i) => ({ name: backendName(d.backendId), value: observed[i] }))),
        h('table', { class: 'legend' },
          h('tr', {}, ['Backend', 'Weight', 'Configured', 'Observed', 'req/s', 'requests'].map((t, i) => h('th', { class: i > 0 ? 'num' : null }, t))),
          legend));
    });
  }

  function renderBackends(config) {
    const head = h('tr', {}, ['Backend', 'Protocol', 'Endpoints', 'Ready', 'req/s', 'requests'].map((t, i) => h('th', { class: i >= 3 ? 'num' : null }, t)));
    const rows = (config.backends || []).map((b) => {
      const endpoints = b.endpoints || [];
      const ready = endpoints.filter((e) => e.ready !== false).length;
      const state = ready === endpoints.length && ready > 0 ? 'True' : ready === 0 ? 'False' : 'Unknown';
      return h('tr', { 'data-backend': b.id },
        h('td', { class: 'mono' }, backendName(b.id)),
        h('td', {}, b.protocol),
        h('td', { class: 'mono' }, endpoints.length === 0 ? h('span', { class: 'muted' }, 'no endpoints') : endpoints.map((e) => h('div', {},
          h('span', { class: `dot ${e.ready !== false ? 'ready' : 'notready'}`, title: e.ready !== false ? 'ready' : 'not ready' }), `${e.address}:${e.port}`))),
        h('td', { class: 'num' }, h('span', { class: `badge ${state}` }, `${ready}/${endpoints.length}`)),
        h('td', { class: 'num' }, rateText(rate('backends', b.id))),
        h('td', { class: 'num' }, last().backends.get(b.id) || 0));
    });
    return [head, ...rows];
  }

  function render() {
    const { objects, config, problems } = data;
    const items = objects.items || [];
    document.getElementById('summary').textContent =
      `generation ${objects.generation} · applied ${objects.appliedAt || 'never'} · ${(config.listeners || []).length} listener(s) · ${(config.backends || []).length} backend(s)`;
    document.getElementById('gateways').replaceChildren(...renderGateways(items));
    document.getElementById('splits').replaceChildren(...renderSplits(config));
    document.getElementById('routes').replaceChildren(...renderRoutes(items));
    document.getElementById('backends').replaceChildren(...renderBackends(config));
    showError((problems.problems || []).length ? `Configuration problems: ${problems.problems.join(' · ')}` : null);
  }

  function showError(text) {
    const el = document.getElementById('error');
    el.hidden = !text;
    el.textContent = text || '';
  }

  async function poll() {
    try {
      const [objects, config, stats, problems] = await Promise.all(
        ['/api/v1/objects', '/api/v1/config', '/api/v1/stats', '/api/v1/problems'].map(getJson));
      addSample(stats);
      data = { objects, config, problems };
      render();
      document.getElementById('live').classList.remove('stale');
    } catch (e) {
      document.getElementById('live').classList.add('stale');
      showError(`Cannot read the admin API: ${e.message}`);
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  poll();
})();
