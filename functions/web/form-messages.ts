import { MONTHS } from '#documents/format-dates.ts';

/**
 * The browser's own form checks speak the browser's language ("Please fill out this field." in an
 * English Chromium). This script, served as /validasi.js (a file of Paraf's: the Content-Security-Policy
 * allows script from 'self' only, none inline), gives every field its message in Bahasa Indonesia
 * through setCustomValidity, kept current as the field changes and worked out again from what each field
 * holds when the page is shown again (Back) and when a send button is clicked. The server checks everything again
 * and answers in Bahasa Indonesia, so a browser without script loses nothing but the early hint.
 */
export const FORM_MESSAGES_SCRIPT = `(function () {
  'use strict';
  function messageFor(field) {
    var v = field.validity;
    if (v.valueMissing) {
      if (field.type === 'checkbox') return 'Centang kotak ini untuk melanjutkan.';
      if (field.type === 'radio' || field.tagName === 'SELECT') return 'Pilih salah satu.';
      if (field.type === 'file') return 'Pilih berkas yang akan diunggah.';
      return 'Isian ini wajib diisi.';
    }
    if (v.typeMismatch) {
      if (field.type === 'email') return 'Tulis alamat e-mail yang benar, misalnya nama@kaltimprov.go.id.';
      if (field.type === 'url') return 'Tulis alamat situs yang benar, diawali https://.';
      return 'Isian ini belum sesuai bentuknya.';
    }
    if (v.badInput) return field.type === 'number' ? 'Tulis angka.' : 'Isian ini belum lengkap atau tidak dapat dibaca.';
    if (v.patternMismatch) return 'Bentuk isian belum sesuai' + (field.title ? ': ' + field.title : '.');
    if (v.tooShort) return 'Paling sedikit ' + field.minLength + ' karakter (sekarang ' + field.value.length + ').';
    if (v.tooLong) return 'Paling banyak ' + field.maxLength + ' karakter (sekarang ' + field.value.length + ').';
    if (v.rangeUnderflow) return 'Paling kecil ' + field.min + '.';
    if (v.rangeOverflow) return 'Paling besar ' + field.max + '.';
    if (v.stepMismatch) return 'Nilai ini tidak diterima; pilih nilai yang tersedia.';
    return 'Isian ini belum benar.';
  }
  function refresh(field) {
    if (!field || typeof field.setCustomValidity !== 'function' || !field.willValidate) return;
    field.setCustomValidity('');
    if (!field.validity.valid) field.setCustomValidity(messageFor(field));
    // A typed day (dressDateField) the calendar has, or nothing: 31-02-2026 is refused as the server would.
    else if (field.classList.contains('tanggal-ketik') && field.value.trim() && !isoOf(field.value))
      field.setCustomValidity('Tulis tanggal yang ada di kalender sebagai tanggal-bulan-tahun, misalnya 17-08-2026.');
  }
  function refreshAll(root) {
    var fields = root.querySelectorAll('input, select, textarea');
    for (var i = 0; i < fields.length; i++) refresh(fields[i]);
  }
  function changed(event) {
    var field = event.target;
    // A radio's group is valid or not together.
    if (field && field.type === 'radio' && field.form) refreshAll(field.form);
    else refresh(field);
  }
  // After Back the page is drawn anew with a new intake id, while the browser puts the typed fields back:
  // the history entry keeps the id the page first had, so the form sent again is known as sent.
  function keepHidden() {
    var kept = document.querySelectorAll('input[type=hidden][data-tetap]');
    if (!kept.length || !window.history || typeof history.replaceState !== 'function') return;
    var state = history.state && typeof history.state === 'object' ? history.state : {};
    var first = state.tetap && typeof state.tetap === 'object' ? state.tetap : {};
    var now = {};
    for (var i = 0; i < kept.length; i++) {
      var name = kept[i].name;
      if (typeof first[name] === 'string') kept[i].value = first[name];
      now[name] = kept[i].value;
    }
    try { history.replaceState(Object.assign({}, state, { tetap: now }), ''); } catch (e) { /* a browser refusing keeps the page's own id */ }
  }
  document.addEventListener('input', changed, true);
  document.addEventListener('change', changed, true);
  document.addEventListener('invalid', function (event) { refresh(event.target); }, true);
  // The browser puts a page's fields back after Back (drawn anew, or whole from its cache) without an
  // input event, so a message set while a field was empty would stay and stop the first click.
  window.addEventListener('pageshow', function () { refreshAll(document); });
  // And whatever else changed a value unseen (autofill, another script), the form is judged by what it
  // holds: a click on a send button runs before the browser checks the form.
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('button, input[type=submit], input[type=image]') : null;
    if (button && button.form && (button.type === 'submit' || button.type === 'image')) refreshAll(button.form);
  }, true);
  // A file field's own button and "no file chosen" are drawn by the browser in its own language
  // ("Choose Files" in an English Chromium) and cannot be restyled: the field is kept (focusable, for
  // the keyboard and the form's checks) but shown as a button of Paraf's words and the names chosen.
  function dressFileField(input) {
    if (!input.id || input.getAttribute('data-berkas')) return;
    input.setAttribute('data-berkas', '1');
    var button = document.createElement('label');
    button.htmlFor = input.id;
    button.className = 'tombol-berkas';
    button.textContent = 'Pilih berkas';
    var chosen = document.createElement('span');
    chosen.className = 'nama-berkas';
    chosen.setAttribute('aria-live', 'polite');
    var direct = input.form && input.form.hasAttribute('data-unggah');
    function show() {
      var names = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
      // With direct uploads the page's own list says what was sent (the field is emptied once it is),
      // so "none chosen" would sit above the files already sent.
      if (!names.length && direct) return;
      chosen.textContent = !names.length ? 'Belum ada berkas dipilih'
        : names.length === 1 ? 'Dipilih: ' + names[0]
        : names.length + ' berkas dipilih: ' + names.join(', ');
    }
    show();
    input.addEventListener('change', show);
    input.classList.add('berkas-asli');
    input.parentNode.insertBefore(chosen, input.nextSibling);
    input.parentNode.insertBefore(button, chosen);
  }
  // A date field is drawn in the browser's own language and order ("mm/dd/yyyy" in an English
  // Chromium, where 03/12 reads as the twelfth of March to the office). Outside an Indonesian browser it
  // becomes a text field of day-month-year, and the form sends what it always sent: the day as
  // YYYY-MM-DD in a hidden field of the same name, which the server checks as before.
  var DAY = /^\\s*(\\d{1,2})[-\\/. ](\\d{1,2})[-\\/. ](\\d{4})\\s*$/;
  // The server's own list (documents/format-dates.ts): one place names the months.
  var MONTHS = ${JSON.stringify(MONTHS)};
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function isoOf(typed) {
    var m = DAY.exec(typed);
    if (!m) return /^\\d{4}-\\d{2}-\\d{2}$/.test(typed.trim()) ? typed.trim() : '';
    var day = Number(m[1]), month = Number(m[2]), year = Number(m[3]);
    var date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return '';
    return year + '-' + pad(month) + '-' + pad(day);
  }
  function shownOf(iso) {
    var m = /^(\\d{4})-(\\d{2})-(\\d{2})$/.exec(iso || '');
    return m ? m[3] + '-' + m[2] + '-' + m[1] : '';
  }
  function dressDateField(input) {
    var typed = document.createElement('input');
    typed.type = 'text';
    typed.id = input.id;
    typed.value = shownOf(input.value);
    typed.placeholder = 'hh-bb-tttt';
    typed.setAttribute('inputmode', 'numeric');
    typed.setAttribute('autocomplete', 'off');
    typed.title = 'tanggal-bulan-tahun, misalnya 17-08-2026';
    typed.required = input.required;
    typed.className = 'tanggal-ketik';
    ['aria-describedby', 'aria-invalid'].forEach(function (name) {
      if (input.hasAttribute(name)) typed.setAttribute(name, input.getAttribute(name));
    });
    input.id = input.id + '-terkirim';
    input.type = 'hidden';
    // The day as read, in words: 12/10/2026 is 12 Oktober to the office, whatever the typist meant.
    var read = document.createElement('span');
    read.className = 'tanggal-terbaca';
    read.setAttribute('aria-live', 'polite');
    function echo() {
      input.value = isoOf(typed.value);
      var m = /^(\\d{4})-(\\d{2})-(\\d{2})$/.exec(input.value);
      read.textContent = m ? 'Terbaca: ' + Number(m[3]) + ' ' + MONTHS[Number(m[2]) - 1] + ' ' + m[1] : '';
    }
    typed.addEventListener('input', echo);
    input.parentNode.insertBefore(typed, input);
    input.parentNode.insertBefore(read, input);
    echo();
  }
  // Which order a date field is drawn in follows the browser's own language, its menus', which
  // navigator.language need not say: an English Chromium that asks sites for Indonesian first reports
  // id-ID there, yet draws mm/dd/yyyy (walk of 2026-12-07). Intl's default locale is the browser's own.
  function ownLocale() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().locale || '';
    } catch (e) {
      return '';
    }
  }
  var indonesianBrowser = /^id\\b/i.test(navigator.language || '') && /^id\\b/i.test(ownLocale());
  function ready() {
    keepHidden();
    var files = document.querySelectorAll('input[type=file]');
    for (var i = 0; i < files.length; i++) dressFileField(files[i]);
    if (!indonesianBrowser) {
      var dates = document.querySelectorAll('input[type=date][id]');
      for (var j = 0; j < dates.length; j++) dressDateField(dates[j]);
    }
    refreshAll(document);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
`;
