// The mediator's forms on the case page. Each works without this script (the server refuses a
// taken slot naming it, and the preview button shows the schedule); with it, the booking in
// the way is named as the times are typed, and the schedule follows the terms. Both answers
// come from the server (the slot check and the PDF's own schedule code), never from here.
(function () {
  'use strict';
  var withOffset = function (local) {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? local + ':00+08:00' : local;
  };
  var fill = function (text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return name in values ? values[name] : m;
    });
  };

  document.querySelectorAll('form[data-slot-check]').forEach(function (form) {
    var out = form.querySelector('[data-slot-check-result]');
    var starts = form.elements.namedItem('startsAt');
    var ends = form.elements.namedItem('endsAt');
    if (!out || !starts || !ends) return;
    var check = function () {
      if (!starts.value || !ends.value) return;
      var q = new URLSearchParams({
        startsAt: withOffset(starts.value),
        endsAt: withOffset(ends.value),
      });
      var session = form.getAttribute('data-session-id');
      if (session) q.set('sessionId', session);
      fetch('/calendar/slot-check?' + q, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      })
        .then(function (res) {
          return res.ok ? res.json() : null;
        })
        .then(function (answer) {
          if (!answer) {
            out.textContent = '';
            out.removeAttribute('data-state');
            return;
          }
          out.setAttribute('data-state', answer.free ? 'free' : 'busy');
          out.textContent = answer.free
            ? out.getAttribute('data-free')
            : fill(out.getAttribute('data-busy'), {
                caseNumber: answer.conflict.caseNumber,
                from: answer.conflict.startsAt.slice(0, 16).replace('T', ' '),
                to: answer.conflict.endsAt.slice(11, 16),
              });
        })
        .catch(function () {});
    };
    starts.addEventListener('change', check);
    ends.addEventListener('change', check);
  });

  document.querySelectorAll('form[data-schedule-preview]').forEach(function (form) {
    var out = form.querySelector('[data-preview-result]');
    if (!out) return;
    var url = form.getAttribute('data-schedule-preview');
    var timer = null;
    var render = function (answer) {
      var template = out.getAttribute('data-total');
      out.textContent = '';
      var p = document.createElement('p');
      p.setAttribute('data-preview-total', '');
      p.textContent = fill(template, { total: answer.total, count: answer.installments });
      out.appendChild(p);
      var table = document.createElement('table');
      table.className = 'schedule';
      var head = table.createTHead().insertRow();
      out
        .getAttribute('data-columns')
        .split('|')
        .forEach(function (label, i) {
          var th = document.createElement('th');
          th.scope = 'col';
          th.textContent = label;
          if (i === 2) th.className = 'num';
          head.appendChild(th);
        });
      var body = table.createTBody();
      answer.schedule.forEach(function (row) {
        var tr = body.insertRow();
        [row.seq, row.dueDate, row.amount].forEach(function (v, i) {
          var td = tr.insertCell();
          td.textContent = String(v);
          if (i === 2) td.className = 'num';
        });
      });
      out.appendChild(table);
    };
    var preview = function () {
      var data = new URLSearchParams(new FormData(form));
      fetch(url, {
        method: 'POST',
        body: data,
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      })
        .then(function (res) {
          return res.ok ? res.json() : null;
        })
        .then(function (answer) {
          if (answer) render(answer);
        })
        .catch(function () {});
    };
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(preview, 300);
    });
  });
})();
