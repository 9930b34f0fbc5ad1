// whitecell after-action report: the turn slider, previous/next keys, clicking the timeline, the
// large-type switch. Plain JavaScript, no libraries, nothing fetched. With `#selftest` in the
// address the page checks itself and writes what it found into <pre id="selftest"> (for tests).
(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message || e)); });
  var realError = console.error;
  console.error = function () {
    errors.push(Array.prototype.join.call(arguments, ' '));
    return realError.apply(console, arguments);
  };
  var $ = function (q, root) { return Array.prototype.slice.call((root || document).querySelectorAll(q)); };
  var slider = document.getElementById('turn');
  var label = document.getElementById('turnlabel');
  var chips = document.getElementById('chips');
  var timeline = document.querySelector('.timeline');
  var maps = $('.mapwrap svg.map');
  var groups = $('.timeline .tl-turn');
  var last = maps.length - 1;
  var current = last;

  // A label of a stacked bar's segment that does not fit it shows its share alone, or nothing
  // (the legend below the bar says it in words): never a word cut at both ends.
  function fitLabels() {
    $('.stack span').forEach(function (s) {
      if (!s.hasAttribute('data-full')) { s.setAttribute('data-full', s.textContent); }
      var full = s.getAttribute('data-full');
      var tries = [full, (/\S+%$/.exec(full) || [''])[0], ''];
      for (var i = 0; i < tries.length; i++) {
        s.textContent = tries[i];
        if (s.scrollWidth <= s.clientWidth + 1) { break; }
      }
    });
  }
  window.addEventListener('resize', fitLabels);

  // The map fits the window's height below where it starts, so a whole turn shows at once; in
  // large type (a projector), the whole window below the turn bar.
  function fit() {
    fitLabels();
    if (!maps.length) { return; }
    if (document.body.classList.contains('large')) {
      var nav = document.querySelector('nav.controls');
      var bar = nav ? nav.getBoundingClientRect().height : 0;
      var whole = Math.max(200, window.innerHeight - bar - 16);
      maps.forEach(function (m) { m.style.maxHeight = whole + 'px'; });
      return;
    }
    var shown = document.querySelector('.mapwrap svg.map.current') || maps[0];
    var top = shown.getBoundingClientRect().top + window.scrollY;
    var room = Math.max(window.innerHeight * 0.6, window.innerHeight - top - 12);
    maps.forEach(function (m) { m.style.maxHeight = room + 'px'; });
  }
  window.addEventListener('resize', fit);

  function show(k, scroll) {
    k = Math.max(0, Math.min(last, k | 0));
    current = k;
    if (slider) { slider.value = String(k); }
    maps.forEach(function (m) { m.classList.toggle('current', Number(m.getAttribute('data-turn')) === k); });
    groups.forEach(function (g) { g.classList.toggle('current', Number(g.getAttribute('data-turn')) === k); });
    var g = groups[k];
    if (g && label) { label.textContent = g.getAttribute('data-label'); }
    if (g && chips) { chips.innerHTML = g.getAttribute('data-chips'); }
    $('svg.chart.lines').forEach(function (svg) {
      var xs = (svg.getAttribute('data-xs') || '').split(',');
      var line = svg.querySelector('.cursor');
      if (line && xs[k] !== undefined) { line.setAttribute('x1', xs[k]); line.setAttribute('x2', xs[k]); }
    });
    if (scroll && g && timeline && timeline.scrollHeight > timeline.clientHeight) {
      timeline.scrollTop = g.offsetTop - timeline.offsetTop - 8;
    }
  }

  if (slider) { slider.addEventListener('input', function () { show(Number(slider.value), true); }); }
  var prev = document.getElementById('prev');
  var next = document.getElementById('next');
  if (prev) { prev.addEventListener('click', function () { show(current - 1, true); }); }
  if (next) { next.addEventListener('click', function () { show(current + 1, true); }); }
  document.addEventListener('keydown', function (e) {
    if (e.target === slider || e.altKey || e.ctrlKey || e.metaKey) { return; }
    var k = { ArrowLeft: current - 1, PageUp: current - 1, ArrowRight: current + 1, PageDown: current + 1, Home: 0, End: last }[e.key];
    if (k !== undefined) { e.preventDefault(); show(k, true); }
  });
  if (timeline) {
    timeline.addEventListener('click', function (e) {
      var at = e.target.closest('[data-turn]');
      if (at) { show(Number(at.getAttribute('data-turn')), false); }
    });
  }
  $('.filters input[data-kind]').forEach(function (box) {
    box.addEventListener('change', function () {
      document.body.classList.toggle('hide-' + box.getAttribute('data-kind'), !box.checked);
    });
  });
  var large = document.getElementById('large');
  function setLarge(on) {
    document.body.classList.toggle('large', on);
    maps.forEach(function (m) { m.style.maxHeight = ''; });
    fit();
    if (large) { large.setAttribute('aria-pressed', on ? 'true' : 'false'); }
    // On a projector the map comes first: scrolled up to just below the turn bar.
    var shown = document.querySelector('.mapwrap svg.map.current') || maps[0];
    var nav = document.querySelector('nav.controls');
    if (on && shown) {
      var bar = nav ? nav.getBoundingClientRect().height : 0;
      window.scrollTo(0, shown.getBoundingClientRect().top + window.scrollY - bar - 8);
    }
  }
  if (large) { large.addEventListener('click', function () { setLarge(!document.body.classList.contains('large')); }); }
  var hash = location.hash;
  if (/large/.test(hash)) { setLarge(true); }
  // `#section=charts` shows that section alone, large (to put it on the projector).
  var only = /section=([\w-]+)/.exec(hash);
  var alone = only && document.getElementById(only[1]);
  if (alone) { document.body.classList.add('only'); alone.classList.add('shown'); }
  var at = /turn=(\d+)/.exec(hash);
  fit();
  show(at ? Number(at[1]) : last, true);

  if (/selftest/.test(hash)) { selftest(); }

  function drawn(svg) {
    var out = { zones: [], units: [], moves: 0, fights: 0 };
    if (!svg) { return out; }
    var seen = function (el) { var b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
    $('g.zone', svg).forEach(function (z) {
      if (seen(z)) { out.zones.push(z.getAttribute('data-zone') + '=' + (z.getAttribute('data-owner') || '')); }
    });
    $('g.unit', svg).forEach(function (u) {
      if (seen(u)) {
        out.units.push(u.getAttribute('data-unit') + '@' + u.getAttribute('data-zone') + ':' + u.getAttribute('data-strength'));
      }
    });
    out.moves = $('g.move', svg).filter(seen).length;
    out.fights = $('g.fight', svg).filter(seen).length;
    return out;
  }
  function state() {
    var visible = maps.filter(function (m) { return m.getBoundingClientRect().width > 0; });
    var cursor = document.querySelector('svg.chart.lines .cursor');
    return {
      turn: current,
      slider: slider ? Number(slider.value) : -1,
      label: label ? label.textContent : '',
      visible_maps: visible.map(function (m) { return Number(m.getAttribute('data-turn')); }),
      drawn: drawn(visible[0]),
      cursor: cursor ? cursor.getAttribute('x1') : null,
      map_box: (function () {
        if (!visible[0]) { return null; }
        var b = visible[0].getBoundingClientRect();
        var nav = document.querySelector('nav.controls');
        return { top: b.top, bottom: b.bottom, left: b.left, right: b.right,
          below: nav ? nav.getBoundingClientRect().bottom : 0,
          width: window.innerWidth, height: window.innerHeight };
      })()
    };
  }
  function selftest() {
    var out = { before: state() };
    if (slider) {
      var to = /selftest=(\d+)/.exec(hash);
      var target = to ? Number(to[1]) : (current > 0 ? current - 1 : Math.min(1, last));
      slider.value = String(target);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      out.after_slider = state();
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      out.after_key = state();
      var entry = $('.timeline li[data-turn]').filter(function (li) {
        return Number(li.getAttribute('data-turn')) !== current;
      })[0];
      if (entry) {
        out.clicked = Number(entry.getAttribute('data-turn'));
        entry.click();
      }
      out.after_click = state();
    }
    out.charts = $('svg.chart').map(function (svg) {
      var rendered = function (el) { var b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
      return {
        label: svg.getAttribute('aria-label'),
        points: $('circle.pt', svg).filter(rendered).length,
        bars: $('rect.bar', svg).filter(rendered).length,
        side_bars: $('rect.bar.side', svg).filter(rendered).map(function (r) {
          return r.getAttribute('data-group') + '|' + r.getAttribute('data-name');
        }),
        marked: $('rect.bar.marked', svg).length,
        // Series none of whose points is on top anywhere: hidden under another line.
        hidden: (function () {
          svg.scrollIntoView({ block: 'center' });
          return $('g.series', svg).filter(function (g) {
            var pts = $('circle.pt', g);
            return pts.length > 0 && !pts.some(function (c) {
              var b = c.getBoundingClientRect();
              var top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
              return top === c;
            });
          }).map(function (g) { return g.getAttribute('data-series'); });
        })(),
        // Texts that run past the chart's edges (cut off on screen and paper).
        clipped: $('text', svg).filter(function (t) {
          var b = t.getBBox(), v = svg.viewBox.baseVal;
          return b.width > 0 && (b.x < v.x - 0.5 || b.x + b.width > v.x + v.width + 0.5);
        }).map(function (t) { return t.textContent; })
      };
    });
    // Boxes that cut their text off (outside the charts, which are checked above).
    out.cut = $('body *').filter(function (el) {
      if (el.closest('svg') || el.id === 'selftest') { return false; }
      var st = getComputedStyle(el);
      if (st.display === 'none' || !/hidden|clip/.test(st.overflowX)) { return false; }
      return el.textContent.trim() !== '' && el.scrollWidth > el.clientWidth + 1;
    }).map(function (el) { return el.tagName.toLowerCase() + '.' + el.className + ': ' + el.textContent.slice(0, 80); });
    out.errors = errors;
    var pre = document.createElement('pre');
    pre.id = 'selftest';
    pre.hidden = true;
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }
})();
