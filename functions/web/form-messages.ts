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
  function ready() {
    keepHidden();
    refreshAll(document);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
`;
