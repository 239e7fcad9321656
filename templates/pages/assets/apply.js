// The application's proposal step: shows the monthly amount as the borrower types the number
// of installments (the page works without it: the server shows the amount once saved). Equal
// installments in fen with the remainder on the last, as the repayment schedule splits them.
(function () {
  'use strict';
  var out = document.getElementById('proposal-monthly');
  var input = document.getElementById('f-proposal-installments');
  if (!out || !input) return;
  var total = Number(out.getAttribute('data-outstanding-fen'));
  var yuan = function (fen) {
    var cents = String(fen % 100);
    return Math.floor(fen / 100) + '.' + (cents.length < 2 ? '0' + cents : cents);
  };
  var fill = function (text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return name in values ? values[name] : m;
    });
  };
  var update = function () {
    var n = Number(input.value);
    if (!(total > 0) || !/^\d+$/.test(input.value.trim()) || n < 1 || n > 60) {
      out.textContent = out.getAttribute('data-empty');
      return;
    }
    var each = Math.floor(total / n);
    var last = total - each * (n - 1);
    var text = out.getAttribute(last === each ? 'data-each' : 'data-each-last');
    out.textContent = fill(text, { count: n, amount: yuan(each), last: yuan(last) });
  };
  input.addEventListener('input', update);
  update();
})();
