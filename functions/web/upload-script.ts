/**
 * The loket's attachments and a correction's files go straight to the uploads bucket
 * (cases/issue-upload-form.ts): behind API Gateway a request body carries about 4 MB, so files cannot
 * travel in the form there. This script, served as /unggah.js (script from 'self' only, none inline),
 * sends each file as soon as it is chosen: it asks the form's `data-unggah` address for a presigned
 * form, posts the file to the form's address, and puts a hidden field (the input's `data-unggahan`
 * name, else `unggahan`: key, name, type, size, SHA-256) in the form in place of the file; a
 * single-file input keeps only its last file. The submit waits for uploads still running. Without
 * script, or without Web Crypto (a page served over plain http beyond loopback), the file inputs send
 * the files in the form's body as before.
 */
export const UPLOAD_SCRIPT = `(function () {
  'use strict';
  var form = document.querySelector('form[data-unggah]');
  if (!form || !window.fetch || !window.FormData || !window.crypto || !window.crypto.subtle) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll('input[type=file]'));
  var list = document.getElementById('unggahan-daftar');
  var status = document.getElementById('unggahan-status');
  if (!inputs.length || !list || !status) return;
  var running = 0;
  var submitWhenDone = false;
  var failed = false;

  function say(text, tone) {
    status.textContent = text;
    status.className = tone || '';
    status.hidden = !text;
  }
  function hex(buffer) {
    var bytes = new Uint8Array(buffer), out = '';
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return out;
  }
  function refusal(answer, fallback) {
    return answer.json().then(function (body) { return body && body.message ? body.message : fallback; }, function () { return fallback; });
  }
  function addItem(file) {
    var item = document.createElement('li');
    item.textContent = file.name + ': sedang diunggah…';
    list.appendChild(item);
    return item;
  }
  function send(file, input) {
    var name = input.getAttribute('data-unggahan') || 'unggahan';
    var item = addItem(file);
    var type = file.type || '';
    var form_;
    running++;
    return fetch(form.getAttribute('data-unggah'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: file.name, contentType: type, size: file.size })
    }).then(function (answer) {
      if (!answer.ok) return refusal(answer, 'Lampiran "' + file.name + '" ditolak.').then(function (m) { throw new Error(m); });
      return answer.json();
    }).then(function (issued) {
      form_ = issued;
      return file.arrayBuffer().then(function (bytes) { return window.crypto.subtle.digest('SHA-256', bytes); });
    }).then(function (digest) {
      var body = new FormData();
      Object.keys(form_.fields).forEach(function (name) { body.append(name, form_.fields[name]); });
      body.append('file', file);
      return fetch(form_.url, { method: 'POST', mode: 'cors', credentials: 'omit', body: body }).then(function (answer) {
        if (!answer.ok) throw new Error('Lampiran "' + file.name + '" ditolak oleh penyimpanan berkas (ukuran atau jenisnya tidak sesuai). Pilih berkasnya lagi.');
        if (!input.multiple)
          Array.prototype.slice.call(form.querySelectorAll('input[type=hidden]')).forEach(function (old) {
            if (old.name === name) old.parentNode.removeChild(old);
          });
        var field = document.createElement('input');
        field.type = 'hidden';
        field.name = name;
        field.value = JSON.stringify({ key: form_.key, name: file.name, contentType: type, size: file.size, sha256: hex(digest) });
        form.appendChild(field);
        item.textContent = file.name + ': terunggah';
      }, function () {
        throw new Error('Lampiran "' + file.name + '" tidak dapat dikirim ke penyimpanan berkas. Periksa sambungan, lalu pilih berkasnya lagi.');
      });
    }).catch(function (error) {
      failed = true;
      item.textContent = file.name + ': gagal';
      say(error.message, 'error');
    }).then(function () {
      running--;
      if (running === 0 && submitWhenDone && !failed) form.submit();
      else if (running === 0) { submitWhenDone = false; }
    });
  }

  inputs.forEach(function (input) {
    input.addEventListener('change', function () {
      var files = Array.prototype.slice.call(input.files || []);
      failed = false;
      say('', '');
      files.forEach(function (file) { send(file, input); });
      // The files went to the bucket: the form's own body carries only their references.
      input.value = '';
    });
  });
  form.addEventListener('submit', function (event) {
    if (running > 0) {
      event.preventDefault();
      submitWhenDone = true;
      say('Menunggu lampiran selesai diunggah; formulir dikirim sesudahnya.', 'ok');
    } else if (failed) {
      // Once: the clerk reads what failed, then chooses the file again or sends the form without it.
      event.preventDefault();
      failed = false;
      say(status.textContent + ' Tekan tombol sekali lagi untuk mengirim formulir tanpa lampiran itu.', 'error');
    }
  });
})();
`;
