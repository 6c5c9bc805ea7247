#!/usr/bin/env python3
"""Composes the hand-written part of the email fixture corpus (test/fixtures/*.eml).

Each message is built byte by byte (charsets, transfer encodings, RFC 2047/2231 words) so the
corpus exercises the decoder rather than a generator's idea of MIME. Run once; the .eml files
are committed. The other fixtures come from public test suites (see test/fixtures/SOURCES.md).
"""
import base64, os, quopri

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures')

def b64(data: bytes) -> str:
    s = base64.b64encode(data).decode()
    return '\r\n'.join(s[i:i+76] for i in range(0, len(s), 76))

def qp(data: bytes) -> str:
    return quopri.encodestring(data).decode().replace('\n', '\r\n')

def word(text: str, charset: str, enc='B') -> str:
    data = text.encode(charset)
    if enc == 'B':
        return f'=?{charset}?B?{base64.b64encode(data).decode()}?='
    return f'=?{charset}?Q?{quopri.encodestring(data, header=True).decode()}?='

def write(name: str, headers: list, body: str | bytes):
    # A header given as bytes is written as is (raw 8-bit header bytes, as broken clients send them).
    head = b'\r\n'.join(h if isinstance(h, bytes) else h.encode('ascii') for h in headers)
    if isinstance(body, str):
        body = body.replace('\r\n', '\n').replace('\n', '\r\n').encode('ascii')
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(head + b'\r\n\r\n' + body)

PNG = base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==')

# Shift_JIS body, subject as ISO-2022-JP encoded word.
write('shift_jis_body_iso2022jp_subject.eml', [
    'From: ' + word('山田 太郎', 'iso-2022-jp') + ' <taro@example.jp>',
    'To: support@example.com',
    'Subject: ' + word('注文について', 'iso-2022-jp'),
    'Date: Tue, 04 Mar 2025 10:00:00 +0900',
    'Message-ID: <sjis-1@example.jp>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=Shift_JIS',
    'Content-Transfer-Encoding: base64',
], b64('注文番号１２３４５の配送状況を教えてください。'.encode('shift_jis')) + '\r\n')

# ISO-8859-1 quoted-printable, Q-encoded subject.
write('iso8859_1_quoted_printable.eml', [
    'From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <juergen@example.de>',
    'To: support@example.com',
    'Subject: ' + word('Frage zur Rechnung für März', 'iso-8859-1', 'Q'),
    'Date: Wed, 05 Mar 2025 09:15:00 +0100',
    'Message-ID: <latin1-qp@example.de>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=ISO-8859-15',
    'Content-Transfer-Encoding: quoted-printable',
], qp('Grüße aus Köln! Die Rechnung über 25 € ist doppelt abgebucht worden, bitte prüfen Sie das.'.encode('iso-8859-15')))

# ISO-8859-2 (Polish) 8bit body.
write('iso8859_2_8bit.eml', [
    'From: Zofia <zofia@example.pl>',
    'To: support@example.com',
    'Subject: ' + word('Zażółć gęślą jaźń', 'iso-8859-2', 'Q'),
    'Date: Thu, 06 Mar 2025 12:00:00 +0100',
    'Message-ID: <latin2@example.pl>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="iso-8859-2"',
    'Content-Transfer-Encoding: 8bit',
], 'Zażółć gęślą jaźń — paczka nie dotarła.\r\n'.replace('—', '-').encode('iso-8859-2'))

# multipart/alternative with hostile HTML: script, tracking pixel, onclick, remote CSS.
write('multipart_alternative_html_tracking.eml', [
    'From: Newsletter Fan <fan@example.org>',
    'To: support@example.com',
    'Subject: Question about my order',
    'Date: Fri, 07 Mar 2025 08:00:00 +0000',
    'Message-ID: <alt-html@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="ALT"',
], '''--ALT
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit

Where is my order? See https://example.org/orders/7

--ALT
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 7bit

<html><head><style>body{background:url(https://t.example.net/bg.gif)}</style><script>alert(1)</script></head>
<body><p onclick="steal()">Where is my <b>order</b>? See <a href="https://example.org/orders/7">order 7</a></p>
<a href="javascript:alert(2)">click</a>
<img src="https://t.example.net/open.gif?u=42" width="1" height="1"></body></html>
--ALT--
''')

# multipart/related with an inline cid: image and an attached PDF (multipart/mixed around it).
write('multipart_related_inline_cid_image.eml', [
    'From: Anna <anna@example.com>',
    'To: support@example.com',
    'Subject: Screenshot of the error',
    'Date: Fri, 07 Mar 2025 09:00:00 +0000',
    'Message-ID: <cid-image@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="MIX"',
], f'''--MIX
Content-Type: multipart/related; boundary="REL"

--REL
Content-Type: text/html; charset=utf-8

<p>The error looks like this:</p><img src="cid:shot@example.com" alt="screenshot">
--REL
Content-Type: image/png; name="shot.png"
Content-Transfer-Encoding: base64
Content-ID: <shot@example.com>
Content-Disposition: inline; filename="shot.png"

{b64(PNG)}
--REL--
--MIX
Content-Type: application/pdf; name="log.pdf"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="log.pdf"

{b64(b'%PDF-1.4 fake log')}
--MIX--
''')

# Forwarded message (inline forward, Gmail style).
write('forwarded_inline_gmail.eml', [
    'From: Boss <boss@example.com>',
    'To: support@example.com',
    'Subject: Fwd: Invoice 2025-03',
    'Date: Sat, 08 Mar 2025 10:00:00 +0000',
    'Message-ID: <fwd-1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
], '''Please look at this one.

---------- Forwarded message ---------
From: Billing <billing@vendor.example>
Date: Fri, 7 Mar 2025 at 17:00
Subject: Invoice 2025-03
To: <boss@example.com>

Your invoice is attached.
''')

# A reply that carries only References (no In-Reply-To) and our ticket token.
write('reply_references_only_ticket_token.eml', [
    'From: Customer <customer@example.net>',
    'To: Support <support@example.com>',
    'Subject: Re: Re: Broken charger [#42]',
    'Date: Sun, 09 Mar 2025 11:00:00 +0000',
    'Message-ID: <refs-only@example.net>',
    'References: <first@example.net> <omni.6a1f6e0e-1b6c-4a57-9a35-4b8a2a1d7f10@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
], 'Still broken, sorry.\n')

# Outlook reply: RE:, header block quote, Thread-Index.
write('reply_outlook_style.eml', [
    'From: "Smith, John" <john.smith@corp.example>',
    'To: "support@example.com" <support@example.com>',
    'Subject: RE: Access request [#1007]',
    'Date: Mon, 10 Mar 2025 14:22:00 +0000',
    'Message-ID: <DB9PR01MB1234ABCD@DB9PR01MB1234.eurprd01.prod.outlook.com>',
    'In-Reply-To: <omni.0f6a5d3e-8a0e-4c2b-9d55-7b3e2f1a9c01@example.com>',
    'References: <omni.0f6a5d3e-8a0e-4c2b-9d55-7b3e2f1a9c01@example.com>',
    'Thread-Index: AQHZ1234567890abcdef',
    'X-MS-Has-Attach: ',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="us-ascii"',
    'Content-Transfer-Encoding: quoted-printable',
], '''Thanks, that worked.

John

From: Support <support@example.com>=20
Sent: Monday, March 10, 2025 1:00 PM
To: Smith, John <john.smith@corp.example>
Subject: Access request [#1007]

Please try again now.
''')

# Gmail reply: "On ... wrote:" wrapped over two lines, > quote.
write('reply_gmail_style.eml', [
    'From: Maria Ivanova <maria.ivanova@gmail.com>',
    'To: support@example.com',
    'Subject: Re: Refund [#77]',
    'Date: Tue, 11 Mar 2025 09:30:00 +0300',
    'Message-ID: <CAF=abc123XYZ@mail.gmail.com>',
    'In-Reply-To: <omni.2b7c1f8e-5d4a-4e3b-8c2d-1a0f9e8d7c6b@example.com>',
    'References: <CAF=first@mail.gmail.com> <omni.2b7c1f8e-5d4a-4e3b-8c2d-1a0f9e8d7c6b@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: base64',
], b64('Спасибо, деньги пришли!\n\nOn Mon, Mar 10, 2025 at 6:00 PM Support <\nsupport@example.com> wrote:\n\n> Мы вернули деньги.\n> Поддержка\n'.encode('utf-8')) + '\r\n')

# Russian Outlook reply in windows-1251 QP with Russian header block.
write('reply_outlook_russian_cp1251.eml', [
    'From: =?windows-1251?B?yOLg7SDP5fLw7uI=?= <ivan@example.ru>',
    'To: support@example.com',
    'Subject: ' + word('Ответ: Доставка заказа [#512]', 'windows-1251'),
    'Date: Wed, 12 Mar 2025 16:45:00 +0300',
    'Message-ID: <ru-outlook-1@example.ru>',
    'In-Reply-To: <omni.9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="windows-1251"',
    'Content-Transfer-Encoding: quoted-printable',
], qp('Заказ получил, всё в порядке.\r\n\r\n-----Original Message-----\r\nОт: Поддержка <support@example.com>\r\nОтправлено: 11 марта 2025 г. 10:00\r\nТема: Доставка заказа [#512]\r\n\r\nЗаказ отправлен.\r\n'.encode('windows-1251')))

# Out-of-office reply.
write('out_of_office_auto_replied.eml', [
    'From: Peter Vogel <peter.vogel@example.de>',
    'To: support@example.com',
    'Subject: Automatische Antwort: Your request [#88]',
    'Date: Thu, 13 Mar 2025 07:00:00 +0100',
    'Message-ID: <ooo-1@example.de>',
    'In-Reply-To: <omni.11111111-2222-4333-8444-555555555555@example.com>',
    'Auto-Submitted: auto-replied',
    'X-Auto-Response-Suppress: All',
    'X-Autoreply: yes',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
], 'I am out of the office until 20 March.\n')

# No Message-ID at all.
write('no_message_id.eml', [
    'From: Old Client <old@example.com>',
    'To: support@example.com',
    'Subject: Hello',
    'Date: Fri, 14 Mar 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
], 'My mail program does not set a Message-ID.\n')

# Malformed: multipart with no closing boundary, broken base64, a header line without a colon.
write('malformed_unclosed_multipart.eml', [
    'From: Broken Mailer <broken@example.com>',
    'To: support@example.com',
    'Subject: Broken message',
    'Message-ID: <malformed-1@example.com>',
    'This line is not a header',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="NEVERCLOSED"',
], '''--NEVERCLOSED
Content-Type: text/plain; charset=no-such-charset

Text in an unknown charset survives.
--NEVERCLOSED
Content-Type: application/octet-stream; name="data.bin"
Content-Transfer-Encoding: base64

!!!!not base64 at all####
''')

# RFC 2231 file name (UTF-8, percent-encoded, continued) and an RFC 2047 one.
write('rfc2231_and_rfc2047_filenames.eml', [
    'From: Olga <olga@example.ru>',
    'To: support@example.com',
    'Subject: ' + word('Отчёт и счёт', 'utf-8'),
    'Date: Sat, 15 Mar 2025 10:00:00 +0300',
    'Message-ID: <filenames@example.ru>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="F"',
], f'''--F
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

{b64('Два файла во вложении.'.encode())}
--F
Content-Type: application/pdf
Content-Disposition: attachment;
 filename*0*=UTF-8''%D0%9E%D1%82%D1%87%D1%91;
 filename*1*=%D1%82.pdf
Content-Transfer-Encoding: base64

{b64(b'%PDF-1.4 report')}
--F
Content-Type: application/vnd.ms-excel; name="{word('Счёт.xls', 'koi8-r')}"
Content-Disposition: attachment; filename="{word('Счёт.xls', 'koi8-r')}"
Content-Transfer-Encoding: base64

{b64(b'xls bytes')}
--F--
''')

# Mailing list mail.
write('mailing_list_bulk.eml', [
    'From: Weekly Digest <digest@lists.example.org>',
    'To: support@example.com',
    'Subject: [dev] Weekly digest',
    'Date: Sun, 16 Mar 2025 06:00:00 +0000',
    'Message-ID: <digest-2025-11@lists.example.org>',
    'List-Id: Developers <dev.lists.example.org>',
    'List-Unsubscribe: <mailto:unsubscribe@lists.example.org>',
    'Precedence: bulk',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
], 'Three new threads this week.\n')

# Our own message seen again (Bcc to the support mailbox).
write('own_message_bcc.eml', [
    'From: Support <support@example.com>',
    'To: customer@example.net',
    'Subject: Re: Broken charger [#42]',
    'Date: Sun, 16 Mar 2025 12:00:00 +0000',
    'Message-ID: <omni.6a1f6e0e-1b6c-4a57-9a35-4b8a2a1d7f10@example.com>',
    'Auto-Submitted: no',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
], 'We are sending a new charger.\n')

# Forbidden attachment type, and the same image attached twice (stored once).
write('forbidden_and_duplicate_attachments.eml', [
    'From: Suspicious <sus@example.com>',
    'To: support@example.com',
    'Subject: Invoice',
    'Date: Mon, 17 Mar 2025 10:00:00 +0000',
    'Message-ID: <exe-1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="X"',
], f'''--X
Content-Type: text/plain

See attached.
--X
Content-Type: application/octet-stream; name="invoice.exe"
Content-Disposition: attachment; filename="invoice.exe"
Content-Transfer-Encoding: base64

{b64(b'MZ fake exe')}
--X
Content-Type: image/png; name="a.png"
Content-Disposition: attachment; filename="a.png"
Content-Transfer-Encoding: base64

{b64(PNG)}
--X
Content-Type: image/png; name="a-copy.png"
Content-Disposition: attachment; filename="a-copy.png"
Content-Transfer-Encoding: base64

{b64(PNG)}
--X--
''')

# A no-reply sender with Reply-To pointing at a person.
write('noreply_sender_with_reply_to.eml', [
    'From: Shop Notifications <no-reply@shop.example>',
    'Reply-To: Kate Seller <kate@shop.example>',
    'To: support@example.com',
    'Subject: Order shipped',
    'Date: Tue, 18 Mar 2025 10:00:00 +0000',
    'Message-ID: <noreply-1@shop.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
], 'Your order has shipped.\n')

# Delivered to an alias, with Cc.
write('alias_delivered_to_cc.eml', [
    'Delivered-To: help@example.com',
    'From: Lee <lee@example.com>',
    'To: help@example.com',
    'Cc: Manager <manager@example.com>, support@example.com',
    'Subject: Login fails',
    'Date: Wed, 19 Mar 2025 10:00:00 +0000',
    'Message-ID: <alias-1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
], 'I cannot log in since yesterday.\n')

# --- Real-world mail read the lenient way (issue #20); each reproduces a class of mail seen in
# --- the peer corpus with our own words, not its bytes.

# Raw Shift_JIS bytes in Subject (no encoded word); a From encoded word labelled ISO-2022-JP
# that holds Shift_JIS; the body really is ISO-2022-JP.
write('shift_jis_raw_subject_mislabelled_from.eml', [
    'From: =?ISO-2022-JP?B?' + base64.b64encode('鈴木 花子'.encode('shift_jis')).decode() + '?= <hanako@example.jp>',
    'To: support@example.com',
    b'Subject: ' + '返品について'.encode('shift_jis'),
    'Date: Wed, 02 Apr 2025 10:00:00 +0900',
    'Message-ID: <sjis-raw-subject@example.jp>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=ISO-2022-JP',
    'Content-Transfer-Encoding: 7bit',
], '商品を返品したいです。\n'.encode('iso-2022-jp').replace(b'\n', b'\r\n'))

# A text/plain body without a charset, written in ISO-2022-JP (escape sequences).
write('iso2022jp_body_without_charset.eml', [
    'From: <sato@example.jp>',
    'To: support@example.com',
    'Subject: Inquiry',
    'Date: Wed, 02 Apr 2025 11:00:00 +0900',
    'Message-ID: <iso2022jp-no-charset@example.jp>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain;',
    'Content-Transfer-Encoding: 7bit',
], 'お世話になっております。\n配送について質問があります。\n'.encode('iso-2022-jp').replace(b'\n', b'\r\n'))

# Raw KOI8-R bytes in Subject; the body declares koi8-r. Statistics alone read this subject
# as windows-1251: the charset the message declares decides.
write('koi8r_raw_subject_declared_body.eml', [
    'From: Pavel <pavel@example.ru>',
    'To: support@example.com',
    b'Subject: ' + 'Счёт на оплату'.encode('koi8-r'),
    'Date: Thu, 03 Apr 2025 09:00:00 +0300',
    'Message-ID: <koi8r-raw-subject@example.ru>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=koi8-r',
    'Content-Transfer-Encoding: 8bit',
], 'Пришлите, пожалуйста, счёт на оплату заказа.\n'.encode('koi8-r').replace(b'\n', b'\r\n'))

# A windows-1251 body with no charset at all.
write('windows1251_body_without_charset.eml', [
    'From: Irina <irina@example.ru>',
    'To: support@example.com',
    'Subject: Order',
    'Date: Thu, 03 Apr 2025 10:00:00 +0300',
    'Message-ID: <cp1251-no-charset@example.ru>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain',
    'Content-Transfer-Encoding: 8bit',
], 'Здравствуйте! Заказ пришёл без инструкции, пришлите её, пожалуйста.\n'.encode('windows-1251').replace(b'\n', b'\r\n'))

# Spaces inside the angle brackets: the lenient parse would make lead@example.com of it.
write('address_spaces_in_angle_brackets.eml', [
    'From: "Old Friend" <sales team lead@example.com>',
    'To: support@example.com',
    'Subject: Hello again',
    'Date: Fri, 04 Apr 2025 10:00:00 +0000',
    'Message-ID: <spaces-in-address@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
], 'Long time no see.\n')

# An encoded word in the address part (RFC 2047 forbids it): decoded it would claim
# ceo@example.com. The envelope sender (Return-Path) is the honest sender then.
write('address_encoded_word_in_local_part.eml', [
    'Return-Path: <sender@mailer.example.net>',
    'From: =?utf-8?Q?ceo?=@example.com',
    'To: support@example.com',
    'Subject: Urgent transfer',
    'Date: Fri, 04 Apr 2025 11:00:00 +0000',
    'Message-ID: <encoded-word-address@mailer.example.net>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
], 'Please pay the attached invoice today.\n')

# A multipart whose boundary never occurs: its quoted-printable latin-1 text is all there is.
write('multipart_boundary_never_occurs.eml', [
    'From: Martina <martina@example.de>',
    'To: support@example.com',
    'Subject: Lieferung',
    'Date: Sat, 05 Apr 2025 10:00:00 +0200',
    'Message-ID: <no-boundary@example.de>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="----=_Part_NEVER"',
    'Content-Transfer-Encoding: quoted-printable',
], qp('Die Lieferung für Köln ist nicht angekommen.\n\nGrüße\nMartina\n'.encode('iso-8859-1')))

# The same, with binary content: kept as an attachment.
write('multipart_boundary_never_occurs_binary.eml', [
    'From: Scanner <scanner@example.org>',
    'To: support@example.com',
    'Subject: Scan',
    'Date: Sat, 05 Apr 2025 11:00:00 +0000',
    'Message-ID: <no-boundary-binary@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="NEVER"',
    'Content-Transfer-Encoding: base64',
], b64(b'%PDF-1.4\x00\x01\x02 scanned page\x00') + '\r\n')

# A line before the headers (a gateway's banner): the headers are found below it.
write('text_before_headers.eml', [
    '==== relayed by MailGate 2.1 ====',
    'From: webform@example.cz',
    'To: helpdesk@example.com',
    'Subject: Contact form',
    'Date: Sun, 06 Apr 2025 16:58:28 +0200',
    'Message-ID: <text-before-headers@example.cz>',
    'Content-Type: text/plain; charset=utf-8',
], 'Jméno: Petr\nText: Prosím o zavolání zítra.\n'.encode('utf-8').replace(b'\n', b'\r\n'))

# multipart/mixed: a text part, then an HTML signature (no multipart/alternative).
write('mixed_text_with_html_signature.eml', [
    'From: Anna Schmidt <anna@example.de>',
    'To: support@example.com',
    'Subject: Callback',
    'Date: Sun, 06 Apr 2025 12:00:00 +0200',
    'Message-ID: <text-html-signature@example.de>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="MIX"',
], '''--MIX
Content-Type: text/plain; charset=utf-8

Please call me back tomorrow.
--MIX
Content-Type: text/html; charset=utf-8

<html><body><h1>Anna Schmidt</h1><p>Sales, Example GmbH</p></body></html>
--MIX--
''')

# HTML only, with a document title and a heading.
write('html_title_and_heading.eml', [
    'From: Shop <orders@shop.example>',
    'To: support@example.com',
    'Subject: Order 7',
    'Date: Mon, 07 Apr 2025 08:00:00 +0000',
    'Message-ID: <html-title-heading@shop.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
], '''<html><head><title>Shop newsletter template v3</title></head>
<body><h2>Order 7 is late</h2><p>It ships on Friday.</p></body></html>
''')
