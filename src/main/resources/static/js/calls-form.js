/*
 * A dossier's form: a field shown only when its condition holds is hidden as soon as the answers it
 * depends on say so, and shown again when they change. The conditions are those the server checks (the
 * forms' condition language: comparisons, and/or/not, arithmetic, texts in quotes, numbers, true, false,
 * null, other fields by key); the server stays the judge — a hidden field's answer is dropped there too.
 * Without this script every field shows, its hint saying it depends on other answers.
 */
(function () {
  'use strict';

  /** A condition this script cannot read: its field stays shown, the server decides. */
  function syntax() { var e = new Error('syntax'); e.syntax = true; return e; }

  function tokenize(text) {
    var tokens = [];
    var re = /\s*(?:(\d+(?:\.\d+)?)|'((?:[^']|'')*)'|(==|!=|<=|>=|&&|\|\||[<>!()+\-*\/])|([A-Za-z_][A-Za-z0-9_]*))/y;
    var i = 0;
    text = text.trim();
    while (i < text.length) {
      re.lastIndex = i;
      var m = re.exec(text);
      if (!m) { throw syntax(); }
      i = re.lastIndex;
      if (m[1] !== undefined) { tokens.push({ t: 'num', v: parseFloat(m[1]) }); }
      else if (m[2] !== undefined) { tokens.push({ t: 'str', v: m[2].replace(/''/g, "'") }); }
      else if (m[3] !== undefined) { tokens.push({ t: 'op', v: m[3] }); }
      else {
        var word = m[4];
        var lower = word.toLowerCase();
        var words = { and: '&&', or: '||', not: '!', eq: '==', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=' };
        if (words[lower]) { tokens.push({ t: 'op', v: words[lower] }); }
        else if (lower === 'true' || lower === 'false') { tokens.push({ t: 'lit', v: lower === 'true' }); }
        else if (lower === 'null') { tokens.push({ t: 'lit', v: null }); }
        else { tokens.push({ t: 'id', v: word }); }
      }
    }
    return tokens;
  }

  function compare(a, b) {
    if (a === null && b === null) { return 0; }
    if (a === null) { return -1; }
    if (b === null) { return 1; }
    if (typeof a !== typeof b) { throw new Error('types'); }
    return a < b ? -1 : (a > b ? 1 : 0);
  }

  function evaluate(text, answers) {
    var tokens = tokenize(text);
    var p = 0;
    function peek(v) { return p < tokens.length && tokens[p].t === 'op' && tokens[p].v === v; }
    function bool(v) { if (typeof v !== 'boolean') { throw new Error('boolean'); } return v; }
    function or() { var v = and(); while (peek('||')) { p++; var r = and(); v = bool(v) || bool(r); } return v; }
    function and() { var v = not(); while (peek('&&')) { p++; var r = not(); v = bool(v) && bool(r); } return v; }
    function not() { if (peek('!')) { p++; return !bool(not()); } return comparison(); }
    function comparison() {
      var left = sum();
      var ops = ['==', '!=', '<', '>', '<=', '>='];
      for (var i = 0; i < ops.length; i++) {
        if (peek(ops[i])) {
          p++;
          var right = sum();
          switch (ops[i]) {
            case '==': return left === right;
            case '!=': return left !== right;
            case '<': return compare(left, right) < 0;
            case '>': return compare(left, right) > 0;
            case '<=': return compare(left, right) <= 0;
            default: return compare(left, right) >= 0;
          }
        }
      }
      return left;
    }
    function number(v) { if (typeof v !== 'number') { throw new Error('number'); } return v; }
    function sum() {
      var v = product();
      while (peek('+') || peek('-')) { var op = tokens[p++].v; var r = product(); v = op === '+' ? number(v) + number(r) : number(v) - number(r); }
      return v;
    }
    function product() {
      var v = unary();
      while (peek('*') || peek('/')) { var op = tokens[p++].v; var r = unary(); v = op === '*' ? number(v) * number(r) : number(v) / number(r); }
      return v;
    }
    function unary() { if (peek('-')) { p++; return -number(unary()); } return primary(); }
    function primary() {
      var tok = tokens[p++];
      if (!tok) { throw syntax(); }
      if (tok.t === 'op' && tok.v === '(') { var v = or(); if (!peek(')')) { throw syntax(); } p++; return v; }
      if (tok.t === 'num' || tok.t === 'str' || tok.t === 'lit') { return tok.v; }
      if (tok.t === 'id') { return Object.prototype.hasOwnProperty.call(answers, tok.v) ? answers[tok.v] : null; }
      throw syntax();
    }
    var result = or();
    if (p !== tokens.length) { throw syntax(); }
    return result === true;
  }

  /** The answers as the server types them: numbers, booleans, texts; null when empty or malformed. */
  function answers(form) {
    var out = {};
    Array.prototype.forEach.call(form.querySelectorAll('[data-key]'), function (wrapper) {
      var key = wrapper.getAttribute('data-key');
      var type = wrapper.getAttribute('data-type');
      var name = 'a.' + key;
      var value = null;
      if (type === 'yesNo') {
        var checked = form.querySelector('input[name="' + name + '"]:checked');
        value = checked ? checked.value === 'true' : null;
      } else if (type !== 'repeatable' && type !== 'multiChoice' && type !== 'file') {
        var input = form.querySelector('[name="' + name + '"]');
        var text = input ? input.value.trim() : '';
        if (text === '') { value = null; }
        else if (type === 'amount' || type === 'number') {
          var n = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
          value = /^-?\d+(\.\d+)?$/.test(n) ? parseFloat(n) : null;
        } else { value = text; }
      }
      out[key] = value;
    });
    return out;
  }

  function refresh(form) {
    var given = answers(form);
    Array.prototype.forEach.call(form.querySelectorAll('[data-condition]'), function (wrapper) {
      var shown;
      // a comparison that cannot be made does not hold, as on the server
      try { shown = evaluate(wrapper.getAttribute('data-condition'), given); } catch (e) { shown = e.syntax === true; }
      // a field the server refused stays in sight
      wrapper.hidden = !shown && !wrapper.classList.contains('field-invalid');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form[data-conditions]');
    if (!form) { return; }
    refresh(form);
    form.addEventListener('input', function () { refresh(form); });
    form.addEventListener('change', function () { refresh(form); });
  });

  window.essorCondition = evaluate;
})();
