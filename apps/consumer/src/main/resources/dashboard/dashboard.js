// The stophack dashboard: polls /api/series every 2 s and redraws three Chart.js line charts,
// one line per machine. Text from the server goes in with textContent only.
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

  var state = { charts: charts, updates: 0, lastError: null };
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
