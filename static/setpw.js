'use strict';
// Invitation and reset links carry their token in the fragment (#t=...), which the browser
// never sends to a server, so it reaches no access log and no Referer (issue 11). This takes
// it out of the address bar and posts it, and the server swaps it for a short-lived cookie.
(function () {
  var form = document.getElementById('claim-form');
  var m = /^#t=([0-9a-f]{64})$/.exec(window.location.hash);
  if (!form || !m) return;
  window.history.replaceState(null, '', window.location.pathname);
  form.elements.t.value = m[1];
  form.submit();
})();
