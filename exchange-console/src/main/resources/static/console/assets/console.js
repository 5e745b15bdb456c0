/*
 * The desk console's script: fills each page from the node's desk API, sends what the
 * desk files or answers, and shows the API's answers, field by field when it refuses.
 * Text from the API is always set as text, never as markup.
 */
(function () {
  'use strict';

  // The page's settings come as data, not as a script: the console's pages run no
  // inline script (Content-Security-Policy).
  const M = JSON.parse(document.getElementById('mekong-settings').textContent);

  const CODES = {
    priority: ['FLASH', 'IMMEDIATE', 'ROUTINE'],
    category: ['DRUG_TRAFFICKING', 'HUMAN_TRAFFICKING', 'WANTED_FUGITIVE', 'WEAPONS', 'CYBERCRIME', 'ONLINE_FRAUD',
      'ILLEGAL_IMMIGRATION', 'SMUGGLING', 'OTHER'],
    tlp: ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'],
    reliability: ['A', 'B', 'C', 'D', 'X'],
    credibility: ['1', '2', '3', '4'],
    sex: ['FEMALE', 'MALE'],
    mode: ['ROAD', 'RIVER', 'ON_FOOT'],
    itemKind: ['METHAMPHETAMINE_TABLETS', 'HEROIN', 'OPIUM', 'CRYSTAL_METHAMPHETAMINE', 'CANNABIS', 'FIREARM',
      'AMMUNITION', 'CASH', 'VEHICLE', 'OTHER'],
    unit: ['TABLETS', 'GRAMS', 'KILOGRAMS', 'BLOCKS', 'PIECES', 'ROUNDS', 'CURRENCY'],
    alertLanguage: ['vi', 'lo', 'km', 'en']
  };

  const TLP_ORDER = CODES.tlp;

  /* ---------- texts, times, elements ---------- */

  function t(key, ...args) {
    const text = M.labels[key];
    if (text === undefined) {
      return key;
    }
    return text.replace(/\{(\d+)\}/g, (match, index) => (args[index] !== undefined ? String(args[index]) : match));
  }

  function label(group, code) {
    return code === undefined || code === null ? '' : t(group + '.' + code);
  }

  // Every time is shown in the node's time zone, and says which (GMT+7 …): a desk may
  // look from a browser set to another zone.
  const dateTime = new Intl.DateTimeFormat(M.language, {
    year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit',
    timeZone: M.timeZone, timeZoneName: 'short'
  });

  function when(iso) {
    return iso ? dateTime.format(new Date(iso)) : '';
  }

  /** The node's time zone as the desk's language names it now, e.g. GMT+7. */
  function zoneName() {
    const zone = dateTime.formatToParts(new Date()).find((part) => part.type === 'timeZoneName');
    return zone ? zone.value : M.timeZone;
  }

  function zoneOffset(millis) {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: M.timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit'
    }).formatToParts(new Date(millis));
    const v = Object.fromEntries(parts.map((part) => [part.type, part.value]));
    return Date.UTC(+v.year, +v.month - 1, +v.day, +v.hour, +v.minute, +v.second) - Math.floor(millis / 1000) * 1000;
  }

  /** A datetime-local value, read in the node's time zone, as an ISO instant. */
  function wallTimeToInstant(value) {
    const [day, time] = value.split('T');
    const [year, month, date] = day.split('-').map(Number);
    const [hour, minute] = time.split(':').map(Number);
    const wall = Date.UTC(year, month - 1, date, hour, minute);
    const first = wall - zoneOffset(wall);
    return new Date(wall - zoneOffset(first)).toISOString();
  }

  function instantToWallTime(iso) {
    const millis = Date.parse(iso);
    return new Date(millis + zoneOffset(millis)).toISOString().slice(0, 16);
  }

  function $(selector, root) {
    return (root || document).querySelector(selector);
  }

  function $$(selector, root) {
    return Array.from((root || document).querySelectorAll(selector));
  }

  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value === undefined || value === null || value === false) {
        return;
      }
      if (name === 'class') {
        element.className = value;
      }
      else {
        element.setAttribute(name, value === true ? '' : value);
      }
    });
    children.flat().forEach((child) => {
      if (child !== undefined && child !== null && child !== false) {
        element.append(child instanceof Node ? child : String(child));
      }
    });
    return element;
  }

  function showLoadError(problem) {
    const box = $('#load-error');
    if (box) {
      box.textContent = t('error.generic', problem);
      box.hidden = false;
    }
  }

  /* ---------- the desk API ---------- */

  const csrfHeader = $('meta[name="csrf-header"]');
  const csrfToken = $('meta[name="csrf-token"]');

  async function api(method, path, body) {
    const headers = { Accept: 'application/json', 'X-Mekong-Console': '1' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (method !== 'GET' && csrfHeader && csrfToken) {
      headers[csrfHeader.content] = csrfToken.content;
    }
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body)
    });
    if (response.status === 401) {
      window.location.assign('/console/login');
      throw new Error('not logged in');
    }
    const type = response.headers.get('Content-Type') || '';
    const json = type.includes('json') ? await response.json() : null;
    return { status: response.status, json };
  }

  function problemText(answer) {
    if (answer.json && answer.json.limit && M.labels['error.limit.' + answer.json.limit] !== undefined) {
      return t('error.limit.' + answer.json.limit, answer.json.maximum);
    }
    if (answer.json && answer.json.detail && answer.status === 410) {
      return t('error.erased', when(answer.json.erasedAt));
    }
    if (answer.json && (answer.json.detail || answer.json.title)) {
      return answer.json.detail || answer.json.title;
    }
    return t('error.status', answer.status);
  }

  /* ---------- shared pieces ---------- */

  function fillSelect(select) {
    const group = select.dataset.codes;
    const codes = CODES[group];
    select.replaceChildren(el('option', { value: '' }, select.dataset.any ? t('common.any') : t('common.choose')));
    codes.forEach((code) => select.append(el('option', { value: code }, label(group, code))));
  }

  function badge(kind, code, text) {
    return el('span', { class: 'badge ' + kind + '-' + String(code).toLowerCase() }, text);
  }

  function priorityBadge(priority) {
    return badge('priority', priority, label('priority', priority));
  }

  function statusBadge(status) {
    return badge('status', status, label('status', status));
  }

  function fieldList(entries) {
    const list = el('dl', { class: 'facts' });
    entries.filter(([, value]) => value !== undefined && value !== null && value !== '' &&
      !(Array.isArray(value) && value.length === 0)).forEach(([name, value]) => {
      list.append(el('dt', {}, name), el('dd', {}, Array.isArray(value) ? value.join(', ') : value));
    });
    return list;
  }

  function personFacts(person) {
    return fieldList([
      [t('person.nativeName'), person.nativeName],
      [t('person.aliasesShown'), person.aliases],
      [t('person.sex'), person.sex && person.sex !== 'UNKNOWN' ? label('sex', person.sex) : null],
      [t('person.birthYear'), person.birthYear],
      [t('person.ageAtReport'), person.ageAtReport],
      [t('person.nationalityShown'), person.nationality],
      [t('person.home'), person.home ? [person.home.village, person.home.district, person.home.province,
        person.home.adminArea].filter(Boolean).join(', ') : null],
      [t('person.armed'), person.armedAndDangerous ? t('common.yes') : null],
      [t('person.description'), person.description]
    ]);
  }

  function place(location) {
    return location ? [location.place, location.adminArea].filter(Boolean).join(', ') : null;
  }

  function payloadSection(payload) {
    const section = el('section', { class: 'card' }, el('h2', {}, t('compose.type.' + payload.type)));
    if (payload.type === 'SuspectAlert') {
      (payload.persons || []).forEach((person) => section.append(el('h3', {}, person.fullName), personFacts(person)));
      section.append(fieldList([[t('compose.lastSeen'), payload.lastSeen ? [place(payload.lastSeen),
        when(payload.lastSeen.at)].filter(Boolean).join(' · ') : null]]));
    }
    else if (payload.type === 'RouteAlert') {
      section.append(el('ol', { class: 'waypoints' }, (payload.waypoints || []).map((waypoint) =>
        el('li', {}, [place(waypoint), waypoint.borderCrossing].filter(Boolean).join(' · ')))));
      section.append(fieldList([
        [t('compose.road'), payload.road],
        [t('compose.mode'), payload.mode && payload.mode !== 'UNKNOWN' ? label('mode', payload.mode) : null],
        [t('compose.expectedFrom'), when(payload.expectedFrom)],
        [t('compose.expectedTo'), when(payload.expectedTo)],
        [t('compose.goods'), payload.goods],
        [t('compose.linkedPersons'), payload.linkedPersons]
      ]));
    }
    else if (payload.type === 'SeizureReport') {
      section.append(fieldList([[t('compose.location'), place(payload.location)],
        [t('compose.seizedAt'), when(payload.seizedAt)]]));
      section.append(el('ul', { class: 'items' }, (payload.items || []).map((item) => el('li', {},
        [item.quantity, label('unit', item.unit), label('itemKind', item.kind), item.currency, item.description]
          .filter(Boolean).join(' ')))));
      (payload.personsArrested || []).forEach((person) => section.append(el('h3', {}, person.fullName),
        personFacts(person)));
    }
    return section;
  }

  function alertHeader(alert, extra) {
    return el('header', { class: 'alert-header' },
      el('p', { class: 'badges' }, priorityBadge(alert.priority), badge('category', alert.category,
        label('category', alert.category)), badge('tlp', alert.handling.tlp, 'TLP:' + label('tlp', alert.handling.tlp)),
      extra),
      el('h1', {}, alert.summary));
  }

  function showFieldErrors(form, errors, prefix) {
    $$('.field-error', form).forEach((box) => {
      box.hidden = true;
      box.textContent = '';
    });
    $$('[aria-invalid]', form).forEach((input) => input.removeAttribute('aria-invalid'));
    const unplaced = [];
    let first = null;
    (errors || []).forEach((error) => {
      const field = prefix && error.field.startsWith(prefix) ? error.field.slice(prefix.length) : error.field;
      const target = form.querySelector('[data-field="' + CSS.escape(field) + '"]');
      if (!target) {
        unplaced.push(error);
        return;
      }
      const container = target.classList.contains('field-error') ? null : target.closest('.field, fieldset');
      const box = target.classList.contains('field-error') ? target : $(':scope > .field-error', container);
      if (box) {
        box.id = box.id || 'error-' + field.replace(/[^A-Za-z0-9]/g, '-');
        box.textContent = error.message;
        box.hidden = false;
        if (target.matches('input, select, textarea')) {
          target.setAttribute('aria-invalid', 'true');
          target.setAttribute('aria-describedby', box.id);
        }
      }
      first = first || target;
    });
    return { unplaced, first };
  }

  /* ---------- pages ---------- */

  function inboxPage() {
    $$('select[data-codes]').forEach(fillSelect);
    const list = $('#inbox-list');
    const filters = $('#filters');

    async function load(changed) {
      const query = new URLSearchParams();
      new FormData(filters).forEach((value, name) => value && query.set(name, value));
      const answer = await api('GET', '/api/v1/inbox?' + query);
      if (answer.status !== 200) {
        showLoadError(problemText(answer));
        return;
      }
      list.replaceChildren(...answer.json.map((entry) => inboxItem(entry, entry.alertId === changed)));
      $('#inbox-empty').hidden = answer.json.length > 0;
      const fresh = answer.json.find((entry) => entry.alertId === changed);
      if (fresh) {
        $('#announcer').textContent = t('inbox.new', fresh.origin, fresh.alert.summary);
      }
    }

    function inboxItem(entry, fresh) {
      const classes = ['alert', 'priority-' + entry.priority.toLowerCase()];
      if (fresh) {
        classes.push('fresh');
      }
      return el('li', { class: classes.join(' '), 'data-alert-id': entry.alertId },
        el('a', { href: '/console/inbox/' + entry.alertId },
          el('span', { class: 'badges' }, priorityBadge(entry.priority),
            badge('category', entry.category, label('category', entry.category)),
            entry.cancelled ? badge('state', 'cancelled', t('inbox.cancelled')) : null,
            entry.deskStatus ? statusBadge(entry.deskStatus) : badge('state', 'unanswered', t('inbox.unanswered'))),
          el('span', { class: 'summary' }, entry.alert.summary),
          el('span', { class: 'meta' }, t('inbox.from', entry.origin), ' · ', when(entry.receivedAt), ' · ',
            t('inbox.revision', entry.revision))));
    }

    filters.addEventListener('change', () => load());
    filters.addEventListener('submit', (event) => {
      event.preventDefault();
      load();
    });
    new EventSource('/api/v1/inbox/stream').addEventListener('inbox',
      (event) => load(JSON.parse(event.data).alertId));
    load();
  }

  function inboxEntryPage() {
    const alertId = document.body.dataset.alertId;
    const form = $('#answer-form');
    let current = null;

    async function load() {
      const answer = await api('GET', '/api/v1/inbox/' + alertId);
      if (answer.status !== 200) {
        showLoadError(problemText(answer));
        return;
      }
      const first = current === null;
      current = answer.json;
      render(current);
      if (first) {
        askOwnAlerts(current.persons);
      }
    }

    function render(entry) {
      const alert = entry.alert;
      const article = $('#entry');
      article.replaceChildren(
        alertHeader(alert, [entry.cancelled ? badge('state', 'cancelled', t('inbox.cancelled')) : null,
          entry.deskStatus ? statusBadge(entry.deskStatus) : null]),
        fieldList([
          [t('inbox.origin'), entry.origin + ' · ' + alert.origin.deskId + ' · ' + alert.origin.officer],
          [t('inbox.received'), when(entry.receivedAt)],
          [t('detail.revision'), entry.revision + ' (' + label('messageType', entry.messageType) + ')'],
          [t('compose.reliability'), alert.handling.sourceReliability + alert.handling.infoCredibility]
        ]),
        payloadSection(alert.payload),
        el('section', { class: 'card', id: 'links' }, el('h2', {}, t('detail.links')),
          entry.possiblySamePersons.length === 0
            ? el('p', { class: 'hint' }, t('detail.noLinks'))
            : el('ul', {}, entry.possiblySamePersons.map((link) => el('li', {},
              t('detail.linkText', link.person, link.samePersonAs, link.reportedBy), ' ',
              el('a', { href: '/console/inbox/' + link.inAlert }, t('detail.open')))))),
        ownAlertsSection(),
        el('section', { class: 'card' }, el('h2', {}, t('detail.revisions')), el('ol', { class: 'timeline' },
          entry.revisions.map((revision) => el('li', {}, t('detail.revision') + ' ' + revision.revision + ' · ' +
            label('messageType', revision.messageType) + ' · ' + when(revision.sentAt),
          revision.revisionNote ? el('p', {}, revision.revisionNote) : null)))),
        el('section', { class: 'card' }, el('h2', {}, t('detail.answers')), entry.deskAcks.length === 0
          ? el('p', { class: 'hint' }, t('inbox.unanswered'))
          : el('ol', { class: 'timeline' }, entry.deskAcks.map((ack) => el('li', {}, statusBadge(ack.status), ' ',
            ack.by, ' · ', when(ack.at), ack.note ? el('p', {}, ack.note) : null)))));
      form.closest('section').hidden = entry.cancelled;
    }

    // The node's own alerts that name a person of the entry, asked of the sending side
    // once per page: a desk sees at once that it reported the same person itself. A
    // partner's alert may name many persons: the page asks for the first few only, one
    // search each, and says so.
    const OWN_ALERTS_PERSONS = 10;
    let ownAlerts = null;
    let personsNotAsked = 0;

    async function askOwnAlerts(persons) {
      const found = [];
      const written = (name) => typeof name === 'string' && name.trim() !== '' && name.length <= 200;
      const named = persons.filter((each) => written(each.fullName));
      personsNotAsked = Math.max(0, named.length - OWN_ALERTS_PERSONS);
      for (const person of named.slice(0, OWN_ALERTS_PERSONS)) {
        const answer = await api('POST', '/api/v1/alerts/search?limit=20', {
          fullName: person.fullName,
          nativeName: written(person.nativeName) ? person.nativeName : undefined,
          aliases: person.aliases.filter(written).slice(0, 20),
          birthYear: person.birthYear
        });
        if (answer.status !== 200) {
          showLoadError(problemText(answer));
          return;
        }
        answer.json.forEach((sent) => found.push({ person: person.fullName, sent }));
      }
      ownAlerts = found;
      $('#own-alerts').replaceWith(ownAlertsSection());
    }

    function ownAlertsSection() {
      let content = null;
      if (ownAlerts !== null) {
        content = ownAlerts.length === 0
          ? el('p', { class: 'hint' }, t('detail.noOwn'))
          : el('ul', {}, ownAlerts.map(({ person, sent }) => el('li', {},
            t('detail.ownText', person, when(sent.lastSentAt)), ' ',
            el('a', { href: '/console/sent/' + sent.alertId }, sent.latest.summary))));
      }
      return el('section', { class: 'card', id: 'own-alerts', 'aria-live': 'polite' }, el('h2', {}, t('detail.own')),
        content, personsNotAsked > 0 ? el('p', { class: 'hint' }, t('detail.ownFirst', OWN_ALERTS_PERSONS)) : null);
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const status = event.submitter ? event.submitter.value : 'ACCEPTED';
      const body = { status, officer: $('#answer-officer').value.trim(), revision: current ? current.revision : undefined };
      const note = $('#answer-note').value.trim();
      if (note) {
        body.note = note;
      }
      const answer = await api('POST', '/api/v1/inbox/' + alertId + '/acks', body);
      const result = $('#answer-result');
      if (answer.status === 201) {
        showFieldErrors(form, []);
        result.textContent = t('detail.answered', label('status', status));
        load();
      }
      else if (answer.status === 400) {
        const shown = showFieldErrors(form, answer.json.errors);
        result.textContent = problemText(answer);
        if (shown.first) {
          shown.first.focus();
        }
      }
      else {
        result.textContent = problemText(answer);
        load();
      }
    });
    new EventSource('/api/v1/inbox/stream').addEventListener('inbox', (event) => {
      if (JSON.parse(event.data).alertId === alertId) {
        load();
      }
    });
    load();
  }

  function addresseeLine(addressee) {
    return el('li', { class: addressee.escalated ? 'escalated' : '' }, el('strong', {}, addressee.node), ' ',
      statusBadge(addressee.status), ' ', addressee.at ? when(addressee.at) : '',
      addressee.by ? ' · ' + addressee.by : '', addressee.reason ? ' · ' + addressee.reason : '',
      addressee.escalated ? el('span', { class: 'badge escalated' }, t('sent.escalated')) : null,
      addressee.waitingFor === 'BORDER_LINK' ? el('span', { class: 'badge waiting' }, t('sent.waitingForBorderLink')) : null);
  }

  function sentPage() {
    async function load() {
      const answer = await api('GET', '/api/v1/alerts?limit=100');
      if (answer.status !== 200) {
        showLoadError(problemText(answer));
        return;
      }
      $('#sent-list').replaceChildren(...answer.json.map((sent) => el('li', {
        class: 'alert priority-' + sent.latest.priority.toLowerCase()
      }, el('a', { href: '/console/sent/' + sent.alertId },
        el('span', { class: 'badges' }, priorityBadge(sent.latest.priority),
          badge('category', sent.latest.category, label('category', sent.latest.category)),
          sent.cancelled ? badge('state', 'cancelled', t('inbox.cancelled')) : null),
        el('span', { class: 'summary' }, sent.latest.summary),
        el('span', { class: 'meta' }, when(sent.latest.sentAt), ' · ', t('inbox.revision', sent.latest.revision))),
      el('ul', { class: 'addressees' }, sent.addressees.map(addresseeLine)))));
      $('#sent-empty').hidden = answer.json.length > 0;
    }
    load();
    setInterval(() => document.visibilityState === 'visible' && load(), 5000);
  }

  function sentAlertPage() {
    const alertId = document.body.dataset.alertId;
    const form = $('#cancel-form');

    async function load() {
      const [sent, audit] = await Promise.all([api('GET', '/api/v1/alerts/' + alertId),
        api('GET', '/api/v1/alerts/' + alertId + '/audit')]);
      if (sent.status !== 200) {
        showLoadError(problemText(sent));
        return;
      }
      const view = sent.json;
      $('#sent-alert').replaceChildren(
        alertHeader(view.latest, view.cancelled ? badge('state', 'cancelled', t('inbox.cancelled')) : null),
        el('section', { class: 'card' }, el('h2', {}, t('sent.addressees')),
          view.addressees.length === 0 ? el('p', { class: 'hint' }, t('sent.noAddressee'))
            : el('ul', { class: 'addressees' }, view.addressees.map(addresseeLine))),
        payloadSection(view.latest.payload),
        el('section', { class: 'card' }, el('h2', {}, t('detail.revisions')), el('ol', { class: 'timeline' },
          view.revisions.map((revision) => el('li', {}, t('detail.revision') + ' ' + revision.revision + ' · ' +
            label('messageType', revision.messageType) + ' · ' + when(revision.sentAt),
          revision.revisionNote ? el('p', {}, revision.revisionNote) : null)))));
      $('#revise').hidden = view.cancelled;
      if (audit.status === 200) {
        $('#audit').replaceChildren(...audit.json.map((event) => el('li', {}, when(event.at), ' · ',
          label('audit', event.action), event.addressee ? ' ' + event.addressee : '', ' · ', event.node, ' ',
          event.actor, event.detail ? ' · ' + event.detail : '')));
      }
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const answer = await api('POST', '/api/v1/alerts/' + alertId + '/revisions', {
        messageType: 'CANCEL', officer: $('#cancel-officer').value.trim(),
        revisionNote: $('#cancel-note').value.trim()
      });
      const shown = showFieldErrors(form, answer.status === 400 ? answer.json.errors : []);
      $('#cancel-result').textContent = answer.status === 201 ? t('sent.cancelledNow') : problemText(answer);
      if (shown.first) {
        shown.first.focus();
      }
      load();
    });
    load();
    setInterval(() => document.visibilityState === 'visible' && load(), 5000);
  }

  /* ---------- compose ---------- */

  function composePage() {
    const form = $('#compose-form');
    const revise = document.body.dataset.revise;
    let agreements = [];
    $$('select[data-codes]', form).forEach(fillSelect);

    function payloadType() {
      return $('input[name="payloadType"]:checked', form).value;
    }

    function showPayload() {
      $$('[data-payload]', form).forEach((section) => {
        section.hidden = section.dataset.payload !== payloadType();
      });
    }

    function renumber(rows) {
      $$(':scope > .row', rows).forEach((row, index) => {
        $('legend', row).textContent = t(rows.dataset.legend, index + 1);
        $$('[data-name]', row).forEach((input) => {
          const id = rows.dataset.list.replace(/[^A-Za-z0-9]/g, '-') + '-' + index + '-' + input.dataset.name;
          input.id = id;
          const labelElement = input.closest('.field').querySelector('label');
          if (labelElement && !labelElement.contains(input)) {
            labelElement.htmlFor = id;
          }
        });
      });
    }

    function addRow(rows, values) {
      const row = document.getElementById(rows.dataset.template).content.firstElementChild.cloneNode(true);
      $$('select[data-codes]', row).forEach(fillSelect);
      $('.remove-row', row).addEventListener('click', () => {
        row.remove();
        renumber(rows);
      });
      Object.entries(values || {}).forEach(([name, value]) => {
        const input = $('[data-name="' + name + '"]', row);
        if (!input) {
          return;
        }
        if (input.type === 'checkbox') {
          input.checked = Boolean(value);
        }
        else {
          input.value = Array.isArray(value) ? value.join(', ') : value;
        }
      });
      rows.append(row);
      renumber(rows);
      return row;
    }

    function readInput(input) {
      if (input.type === 'checkbox') {
        return input.checked ? true : undefined;
      }
      const value = input.value.trim();
      if (value === '') {
        return undefined;
      }
      if (input.dataset.time) {
        return wallTimeToInstant(value);
      }
      if (input.dataset.listText) {
        return value.split(',').map((part) => part.trim()).filter(Boolean);
      }
      if (input.type === 'number') {
        return Number(value);
      }
      return value;
    }

    function setPath(target, path, value) {
      if (value === undefined) {
        return;
      }
      const names = path.split('.');
      let node = target;
      names.slice(0, -1).forEach((name) => {
        node[name] = node[name] || {};
        node = node[name];
      });
      node[names[names.length - 1]] = value;
    }

    function rowsOf(list) {
      const rows = $('.rows[data-list="' + list + '"]', form);
      const objects = [];
      $$(':scope > .row', rows).forEach((row) => {
        const object = {};
        const inputs = $$('[data-name]', row);
        inputs.forEach((input) => {
          input.removeAttribute('data-field');
          const value = readInput(input);
          if (value !== undefined) {
            object[input.dataset.name] = value;
          }
        });
        if (Object.keys(object).length > 0) {
          inputs.forEach((input) => input.setAttribute('data-field', list + '[' + objects.length + '].' +
            input.dataset.name));
          objects.push(object);
        }
      });
      return objects;
    }

    function alertJson() {
      const alert = { handling: {}, payload: { type: payloadType() } };
      $$('[data-field]:not([data-name])', form).forEach((input) => {
        if (!input.matches('input, select, textarea') || input.id === 'revisionNote') {
          return;
        }
        const section = input.closest('[data-payload]');
        if (section && section.dataset.payload !== payloadType()) {
          return;
        }
        let value = readInput(input);
        if (input.dataset.field === 'handling.infoCredibility' && value !== undefined) {
          value = Number(value);
        }
        setPath(alert, input.dataset.field, value);
      });
      alert.addressees = $$('#addressee-options input:checked', form).map((box) => box.value);
      const lists = { SuspectAlert: ['payload.persons'], RouteAlert: ['payload.waypoints'],
        SeizureReport: ['payload.items', 'payload.personsArrested'] }[payloadType()];
      lists.forEach((list) => setPath(alert, list, rowsOf(list)));
      return alert;
    }

    function updateHints() {
      const priority = $('#priority').value;
      $('#priority-hint').textContent = priority ? t('priority.hint.' + priority) : '';
      const tlp = $('#tlp').value;
      $('#tlp-hint').textContent = tlp ? t('tlp.hint.' + tlp) : '';
      updateAddressees();
    }

    function updateAddressees() {
      const category = $('#category').value;
      const tlp = $('#tlp').value;
      const partners = [...new Set(agreements.map((agreement) => agreement.partner))];
      const notes = [];
      const options = $('#addressee-options');
      const checked = new Set($$('input:checked', options).map((box) => box.value));
      options.replaceChildren(...partners.map((partner) => {
        const theirs = agreements.filter((agreement) => agreement.partner === partner);
        const inForce = theirs.filter((agreement) => agreement.inForceToday);
        const covering = inForce.filter((agreement) => !category || agreement.categories.includes(category));
        const allowing = covering.filter((agreement) => !tlp ||
          TLP_ORDER.indexOf(tlp) <= TLP_ORDER.indexOf(agreement.highestTlp));
        let reason = null;
        if (inForce.length === 0) {
          reason = t('compose.addressees.notInForce', partner);
        }
        else if (covering.length === 0) {
          reason = t('compose.addressees.notCovered', partner, label('category', category));
        }
        else if (allowing.length === 0) {
          reason = t('compose.addressees.tlpTooHigh', partner, label('tlp', covering[0].highestTlp));
        }
        if (reason) {
          notes.push(reason);
        }
        const id = 'addressee-' + partner;
        return el('label', { for: id }, el('input', {
          type: 'checkbox', id, value: partner, checked: checked.has(partner) && !reason, disabled: Boolean(reason)
        }), ' ' + partner);
      }));
      if (category && partners.length > 0 && notes.length === partners.length) {
        notes.unshift(t('compose.noAgreement', label('category', category)));
      }
      if (partners.length === 0) {
        notes.push(t('compose.noPartner'));
      }
      $('#addressee-notes').replaceChildren(...notes.map((note) => el('li', {}, note)));
    }

    function fill(alert) {
      const radio = $('input[name="payloadType"][value="' + alert.payload.type + '"]', form);
      if (radio) {
        radio.checked = true;
      }
      $$('[data-field]:not([data-name])', form).forEach((input) => {
        if (!input.matches('input, select, textarea') || input.id === 'revisionNote') {
          return;
        }
        const value = input.dataset.field.split('.').reduce((node, name) => (node ? node[name] : undefined), alert);
        if (value === undefined || value === null) {
          return;
        }
        if (input.dataset.time) {
          input.value = instantToWallTime(value);
        }
        else {
          input.value = Array.isArray(value) ? value.join(', ') : String(value);
        }
      });
      $$('.rows', form).forEach((rows) => {
        rows.replaceChildren();
        const values = rows.dataset.list.split('.').reduce((node, name) => (node ? node[name] : undefined), alert);
        (values || []).forEach((value) => addRow(rows, value));
      });
      showPayload();
      updateHints();
      $$('#addressee-options input', form).forEach((box) => {
        box.checked = !box.disabled && (alert.addressees || []).includes(box.value);
      });
    }

    $$('.add-row', form).forEach((button) => button.addEventListener('click', () => {
      const row = addRow($('.rows[data-list="' + button.dataset.list + '"]', form));
      $('input, select', row).focus();
    }));
    $$('input[name="payloadType"]', form).forEach((radio) => radio.addEventListener('change', showPayload));
    ['#priority', '#tlp', '#category'].forEach((id) => $(id).addEventListener('change', updateHints));
    $$('.rows', form).forEach((rows) => addRow(rows));

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const alert = alertJson();
      const submit = $('#compose-submit');
      submit.disabled = true;
      const answer = revise
        ? await api('POST', '/api/v1/alerts/' + revise + '/revisions', {
          messageType: 'UPDATE', revisionNote: $('#revisionNote').value.trim() || undefined, alert
        })
        : await api('POST', '/api/v1/alerts', alert);
      submit.disabled = false;
      const summary = $('#form-errors');
      if (answer.status === 201) {
        window.location.assign('/console/sent/' + answer.json.alertId);
        return;
      }
      if (answer.status === 400 && answer.json && answer.json.errors) {
        showFieldErrors(form, answer.json.errors, revise ? 'alert.' : null);
        $('ul', summary).replaceChildren(...answer.json.errors.map((error) => el('li', {}, error.field + ': ' +
          error.message)));
        summary.hidden = false;
        summary.focus();
        return;
      }
      showFieldErrors(form, []);
      $('ul', summary).replaceChildren(el('li', {}, problemText(answer)));
      summary.hidden = false;
      summary.focus();
    });

    api('GET', '/api/v1/agreements').then((answer) => {
      agreements = answer.status === 200 ? answer.json : [];
      updateHints();
      if (revise) {
        $('#compose-heading').textContent = t('compose.reviseTitle');
        $('#compose-submit').textContent = t('compose.submitRevision');
        $('#revision-note-field').hidden = false;
        api('GET', '/api/v1/alerts/' + revise).then((sent) => {
          if (sent.status === 200) {
            fill(sent.json.latest);
          }
          else {
            showLoadError(problemText(sent));
          }
        });
      }
    });
    showPayload();
  }

  function readsPage() {
    const form = $('#reads-form');
    form.elements.day.value = instantToWallTime(new Date().toISOString()).slice(0, 10);

    async function show() {
      const day = form.elements.day.value;
      const from = wallTimeToInstant(day + 'T00:00');
      const to = new Date(Date.parse(wallTimeToInstant(day + 'T23:59')) + 59999).toISOString();
      const whose = form.elements.alertId.value.trim()
        ? 'alertId=' + encodeURIComponent(form.elements.alertId.value.trim())
        : 'user=' + encodeURIComponent(form.elements.user.value.trim());
      const answer = await api('GET', '/api/v1/reads?' + whose + '&from=' + encodeURIComponent(from)
        + '&to=' + encodeURIComponent(to) + '&limit=1000');
      if (answer.status !== 200) {
        showLoadError(problemText(answer));
        return;
      }
      $('#load-error').hidden = true;
      $('#reads-list').replaceChildren(...answer.json.map((read) => el('tr', {},
        el('td', {}, when(read.at)), el('td', {}, read.user), el('td', {}, read.desk),
        el('td', {}, label('read', read.read)),
        el('td', {}, ...read.alertIds.flatMap((alertId, index) => [index > 0 ? ' ' : null,
          el('code', {}, alertId)])),
        el('td', {}, read.query || ''))));
      $('#reads-table').hidden = answer.json.length === 0;
      $('#reads-empty').hidden = answer.json.length > 0;
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      show();
    });
  }

  const pages = {
    reads: readsPage,
    inbox: inboxPage,
    'inbox-entry': inboxEntryPage,
    sent: sentPage,
    'sent-alert': sentAlertPage,
    compose: composePage
  };
  // Times a desk enters are read in the node's time zone: their labels say which.
  $$('[data-zone]').forEach((text) => text.append(' ', el('span', { class: 'zone' }, '(' + zoneName() + ')')));
  const page = pages[document.body.dataset.page];
  if (page) {
    page();
  }
}());
