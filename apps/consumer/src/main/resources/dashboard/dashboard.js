// The stophack dashboard: polls /api/series every 2 s and redraws three Chart.js line charts,
// one line per machine; then /api/weblog for the web access log's panels (busiest hosts against
// the rate limit, error shares with alerts, blocked hosts). Text from the server goes in with
// textContent only.
(function () {
  'use strict';

  var REFRESH_MS = 2000;
  var LIVE_WITHIN_MS = 15000;
  var PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777',
                 '#475467', '#65a30d'];
  var colours = {};
  var colourCount = 0;

  function colourOf(machine) {
    if (!(machine in colours)) {
      colours[machine] = PALETTE[colourCount++ % PALETTE.length];
    }
    return colours[machine];
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  function clock(ms) {
    var d = new Date(ms);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function span(seconds) {
    if (seconds % 60 === 0) { return seconds / 60 + (seconds === 60 ? ' minute' : ' minutes'); }
    return seconds + ' seconds';
  }

  function number(n) { return Number(n).toLocaleString('en-US'); }

  // Fills el with text and <code> parts: parts are strings, or {code: '...'}.
  function say(el, parts) {
    el.textContent = '';
    parts.forEach(function (p) {
      if (typeof p === 'string') {
        el.appendChild(document.createTextNode(p));
      } else {
        var c = document.createElement('code');
        c.textContent = p.code;
        el.appendChild(c);
      }
    });
  }

  // Time ticks on round marks (every 30 s, 1 min, 2 min, ...), about maxTicks of them.
  var STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200].map(function (s) { return s * 1000; });

  function tickStep(rangeMs, maxTicks) {
    for (var i = 0; i < STEPS.length; i++) {
      if (rangeMs / STEPS[i] <= maxTicks) { return STEPS[i]; }
    }
    return STEPS[STEPS.length - 1];
  }

  function tickLabel(ms, stepMs) {
    var text = clock(ms);
    return stepMs >= 60000 ? text.substring(0, 5) : text;
  }

  function makeChart(id, yTitle, pointRadius, maxTicks) {
    var canvas = document.querySelector('#' + id + ' canvas');
    var chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8, padding: 14 } },
          tooltip: { callbacks: { title: function (items) { return items.length ? clock(items[0].parsed.x) : ''; } } }
        },
        scales: {
          x: { type: 'linear', grid: { display: false },
               ticks: { includeBounds: false, maxRotation: 0, autoSkipPadding: 28,
                        callback: function (v) { return tickLabel(v, this.options.ticks.stepSize || 1000); } } },
          y: { beginAtZero: true, grace: '5%', title: { display: true, text: yTitle }, ticks: { precision: 0 } }
        },
        elements: {
          point: { radius: pointRadius, hoverRadius: 4 },
          line: { borderWidth: 1.6, cubicInterpolationMode: 'monotone' }
        }
      }
    });
    chart.maxTicks = maxTicks;
    return chart;
  }

  var charts = {
    process: makeChart('process', 'rows per cycle', 0, 12),
    memory: makeChart('memory', 'rows in window', 0, 6),
    attacks: makeChart('attacks', 'potential attacks', 3, 6)
  };

  // Replaces the chart's lines with the series', keeping each machine's dataset (and so whether
  // the user hid it in the legend) from one refresh to the next.
  function draw(chart, series, at, historyMs) {
    var previous = {};
    chart.data.datasets.forEach(function (d) { previous[d.machine] = d; });
    chart.data.datasets = Object.keys(series.lines).map(function (machine) {
      var ys = series.lines[machine];
      var d = previous[machine] || {
        machine: machine,
        label: 'machine ' + machine,
        borderColor: colourOf(machine),
        backgroundColor: colourOf(machine),
        spanGaps: true
      };
      d.data = series.x.map(function (x, i) { return { x: x, y: ys[i] }; });
      return d;
    });
    var xs = series.x;
    var x = chart.options.scales.x;
    x.min = Math.min(at - historyMs, xs.length ? xs[0] : at);
    x.max = Math.max(at, xs.length ? xs[xs.length - 1] : at);
    x.ticks.stepSize = tickStep(x.max - x.min, chart.maxTicks);
    chart.update('none');
    var card = chart.canvas.closest('.card');
    card.querySelector('.empty').hidden = xs.length > 0 && Object.keys(series.lines).length > 0;
  }

  function sum(counts) {
    return Object.keys(counts).reduce(function (s, k) { return s + counts[k]; }, 0);
  }

  function summaries(data) {
    var p = data.process, m = data.memory, a = data.attacks;
    var pEl = document.querySelector('#process .summary');
    var mEl = document.querySelector('#memory .summary');
    var aEl = document.querySelector('#attacks .summary');
    pEl.textContent = p.newestCycle.ts === null ? '' : 'Newest cycle ' + clock(p.newestCycle.ts) + ' · '
        + number(sum(p.newestCycle.counts)) + ' rows from ' + Object.keys(p.newestCycle.counts).length + ' machines';
    mEl.textContent = Object.keys(m.now).length === 0 ? '' : 'Now: ' + number(sum(m.now)) + ' rows in the last '
        + span(m.windowSeconds) + ' across ' + Object.keys(m.now).length + ' machines';
    var starts = Object.keys(a.latest).map(function (k) { return a.latest[k].windowStart; });
    if (starts.length === 0) {
      aEl.textContent = '';
    } else {
      var newest = Math.max.apply(null, starts);
      var total = 0, end = newest;
      Object.keys(a.latest).forEach(function (k) {
        if (a.latest[k].windowStart === newest) { total += a.latest[k].count; end = a.latest[k].windowEnd; }
      });
      aEl.textContent = 'Newest window ' + clock(newest) + '–' + clock(end) + ' · ' + number(total) + ' potential attacks';
    }
  }

  function banner(kind, parts) {
    var el = document.getElementById('banner');
    if (!parts) { el.hidden = true; return; }
    el.className = 'banner' + (kind === 'bad' ? ' bad' : '');
    say(el, parts);
    el.hidden = false;
  }

  function pill(kind, text) {
    var el = document.getElementById('connection');
    el.className = 'pill ' + kind;
    el.textContent = text;
  }

  function status(data) {
    var s = data.status;
    var counted = 0, newest = null;
    Object.keys(s.topics).forEach(function (t) {
      counted += s.topics[t].counted;
      var last = s.topics[t].lastArrivalAt;
      if (last !== null && (newest === null || last > newest)) { newest = last; }
    });
    if (!s.running && s.failure) {
      pill('bad', 'restarting');
      banner('bad', ['The Kafka consumer failed (' + s.failure + '). It is restarted by itself (restart '
                     + (s.restarts + 1) + ') and counting goes on where it stopped.']);
    } else if (!s.running) {
      pill('bad', 'consumer stopped');
      banner('bad', ['The Kafka consumer thread stopped. Restart ', { code: './stophack consume' }, '.']);
    } else if (s.assignedPartitions === 0 && counted === 0) {
      pill('waiting', 'waiting for Kafka');
      banner('warn', ['Waiting for Kafka at ', { code: s.bootstrap }, '. Start it with ', { code: './stophack kafka' },
                      ' (or pass ', { code: '--bootstrap' }, ').']);
    } else if (counted === 0 && state.webCounted > 0) {
      // only the web access log flows: nothing to start for it
      pill(state.webLive ? 'ok' : 'waiting', state.webLive ? 'live' : 'idle');
      banner(null, null);
    } else if (counted === 0) {
      pill('waiting', 'no events yet');
      banner('warn', ['Connected to Kafka at ', { code: s.bootstrap }, ', nothing has arrived yet. Start the producers: ',
                      { code: './stophack produce process' }, ' and ', { code: './stophack produce memory' },
                      '; potential attacks come from the streaming job, ', { code: './stophack stream' }, '.']);
    } else {
      var live = newest !== null && data.at - newest < LIVE_WITHIN_MS;
      pill(live ? 'ok' : 'waiting', live ? 'live' : 'idle since ' + clock(newest));
      banner(null, null);
    }
    document.getElementById('source').textContent = ' · Kafka ' + s.bootstrap + ', group ' + s.group;
  }

  // Machines over the --max-machines limit are not drawn: say how many, so nobody takes the
  // charts for the whole fleet.
  function untracked(machines) {
    var el = document.getElementById('untracked');
    if (!machines || machines.untracked === 0) { el.hidden = true; return; }
    var n = number(machines.untracked) + (machines.untrackedAtLeast ? ' or more' : '');
    var one = machines.untracked === 1 && !machines.untrackedAtLeast;
    say(el, ['Not tracked: ' + n + (one ? ' machine' : ' machines') + ' sent data in the last '
             + span(machines.horizonSeconds) + ' but ' + (one ? 'is' : 'are') + ' not drawn. This consumer keeps '
             + number(machines.max) + ' machines at most, set by ', { code: '--max-machines' }, '; rows of the others are skipped as ',
             { code: 'machine_limit' }, '.']);
    el.hidden = false;
  }

  // ---- the web access log: its own time axis (the log's), its own endpoint

  function utc(ms) {
    var d = new Date(ms);
    return pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds());
  }

  function percent(v) { return (Math.round(v * 1000) / 10) + '%'; }

  function makeWebChart(id, yTitle, yPercent) {
    var chart = makeChart(id, yTitle, 0, 8);
    var x = chart.options.scales.x;
    x.ticks.callback = function (v) { var t = utc(v); return (this.options.ticks.stepSize || 1000) >= 60000 ? t.substring(0, 5) : t; };
    chart.options.plugins.tooltip.callbacks.title = function (items) { return items.length ? utc(items[0].parsed.x) + ' UTC' : ''; };
    if (yPercent) {
      chart.options.scales.y.ticks = { callback: function (v) { return percent(v); } };
      chart.options.scales.y.suggestedMax = 0.1;
    }
    return chart;
  }

  charts.webhosts = makeWebChart('webhosts', 'requests in window', false);
  charts.weberrors = makeWebChart('weberrors', 'share of requests', true);
  charts.weberrors.options.plugins.tooltip.callbacks.label = function (item) {
    var d = item.dataset;
    if (!d.alerts) { return d.label + ': ' + percent(item.parsed.y); }
    var a = d.alerts[item.dataIndex];
    return a.kind === 'url-busting'
      ? 'URL-busting scan by ' + a.host + ': ' + number(a.count) + ' of ' + number(a.total) + ' requests 404'
      : a.status + ' surge: ' + percent(a.ratio) + ' (baseline ' + percent(a.baseline) + ')';
  };

  var CLASS_COLOURS = { '4xx': '#ea580c', '5xx': '#b42318' };

  function webAxis(chart, data, hasData) {
    var x = chart.options.scales.x;
    var xs = data.x;
    x.min = xs.length ? xs[0] : undefined;
    x.max = xs.length ? xs[xs.length - 1] : undefined;
    x.ticks.stepSize = xs.length ? tickStep(x.max - x.min, chart.maxTicks) : undefined;
    chart.update('none');
    chart.canvas.closest('.card').querySelector('.empty').hidden = hasData;
  }

  function drawHosts(web) {
    var chart = charts.webhosts, b = web.busiest;
    var previous = {};
    chart.data.datasets.forEach(function (d) { previous[d.host] = d; });
    var sets = Object.keys(b.lines).map(function (host) {
      var d = previous[host] || { host: host, label: host, borderColor: colourOf('host ' + host),
                                  backgroundColor: colourOf('host ' + host), spanGaps: true };
      d.data = b.x.map(function (x, i) { return { x: x, y: b.lines[host][i] }; });
      return d;
    });
    var limit = previous['\u0000limit'] || { host: '\u0000limit', label: 'limit', borderColor: '#b42318',
                                             backgroundColor: '#b42318', borderDash: [6, 4], borderWidth: 1.2,
                                             pointStyle: 'line' };
    limit.label = 'limit ' + number(web.threshold) + ' per ' + span(web.windowSeconds);
    limit.data = b.x.length ? [{ x: b.x[0], y: web.threshold }, { x: b.x[b.x.length - 1], y: web.threshold }] : [];
    sets.push(limit);
    chart.data.datasets = sets;
    webAxis(chart, b, b.x.length > 0 && Object.keys(b.lines).length > 0);
    document.querySelector('#webhosts .window').textContent = span(web.windowSeconds);
    var el = document.querySelector('#webhosts .summary');
    el.textContent = web.newest === null ? '' : 'Log time ' + utc(web.newest) + ' UTC · ' + number(web.requestsInWindow)
        + ' requests in the last ' + span(web.windowSeconds);
  }

  function drawErrors(web) {
    var chart = charts.weberrors, e = web.errors;
    var sets = Object.keys(e.lines).map(function (cls) {
      return { label: cls, borderColor: CLASS_COLOURS[cls], backgroundColor: CLASS_COLOURS[cls], spanGaps: false,
               data: e.x.map(function (x, i) { return { x: x, y: e.lines[cls][i] }; }) };
    });
    var lo = e.x.length ? e.x[0] : 0;
    var shown = e.alerts.filter(function (a) { return a.windowEnd >= lo; });
    sets.push({ label: 'alerts', type: 'scatter', alerts: shown, showLine: false, borderColor: '#7a271a',
                backgroundColor: '#f04438', pointStyle: 'triangle', pointRadius: 7, pointHoverRadius: 9,
                data: shown.map(function (a) { return { x: a.windowEnd, y: Math.min(1, a.ratio) }; }) });
    chart.data.datasets = sets;
    webAxis(chart, e, e.x.length > 0);
    var surges = shown.filter(function (a) { return a.kind !== 'url-busting'; }).length;
    var scans = shown.length - surges;
    document.querySelector('#weberrors .summary').textContent = e.x.length === 0 ? ''
        : number(surges) + ' error surges and ' + number(scans) + ' URL-busting scans in view';
  }

  function drawBlocked(web) {
    var body = document.querySelector('#webblocked tbody');
    body.textContent = '';
    var now = 0;
    web.blocked.forEach(function (b) {
      var tr = document.createElement('tr');
      [['host', b.host], ['', utc(b.until)], ['', number(b.count) + ' / ' + number(b.threshold)], ['', number(b.windows)]]
        .forEach(function (c) {
          var td = document.createElement('td');
          if (c[0]) { td.className = c[0]; }
          td.textContent = c[1];
          tr.appendChild(td);
        });
      var td = document.createElement('td');
      var p = document.createElement('span');
      p.className = 'pill ' + (b.blocked ? 'bad' : 'ok');
      p.textContent = b.blocked ? 'blocked' : 'expired';
      td.appendChild(p);
      tr.appendChild(td);
      body.appendChild(tr);
      if (b.blocked) { now++; }
    });
    document.querySelector('#webblocked .empty').hidden = web.blocked.length > 0;
    document.querySelector('#webblocked .summary').textContent = web.blocked.length === 0 ? ''
        : number(now) + ' blocked now, ' + number(web.blocked.length - now) + ' expired, within the history';
  }

  function refreshWeb(data) {
    return fetch('api/weblog', { cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) { throw new Error('HTTP ' + r.status); }
        return r.json();
      })
      .then(function (web) {
        var w = web.topics.weblog || { counted: 0, lastArrivalAt: null };
        state.webCounted = w.counted;
        state.webLive = w.lastArrivalAt !== null && web.at - w.lastArrivalAt < LIVE_WITHIN_MS;
        drawHosts(web);
        drawErrors(web);
        drawBlocked(web);
        status(data); // the banner and pill take the web log into account as of now
        state.webUpdates++;
      });
  }

  var state = { charts: charts, updates: 0, webUpdates: 0, webCounted: 0, webLive: false, lastError: null };
  window.stophack = state;

  function refresh() {
    fetch('api/series', { cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) { throw new Error('HTTP ' + r.status); }
        return r.json();
      })
      .then(function (data) {
        var historyMs = data.historySeconds * 1000;
        document.querySelector('#memory .window').textContent = span(data.windowSeconds);
        draw(charts.process, data.process, data.at, historyMs);
        draw(charts.memory, data.memory, data.at, historyMs);
        draw(charts.attacks, data.attacks, data.at, historyMs);
        summaries(data);
        status(data);
        untracked(data.status.machines);
        document.getElementById('updated').textContent = 'updated ' + clock(data.at);
        state.updates++;
        state.lastError = null;
        return refreshWeb(data);
      })
      .catch(function (e) {
        state.lastError = String(e);
        pill('bad', 'offline');
        banner('bad', ['Cannot reach the consumer (' + e.message + '). Is ', { code: './stophack consume' },
                       ' still running? Retrying every 2 s.']);
      })
      .then(function () { setTimeout(refresh, REFRESH_MS); });
  }

  refresh();
})();
