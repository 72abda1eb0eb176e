{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{OPERATOR_NAME}}</title></head>
<body style="font-family:system-ui,sans-serif;color:#1a1a1a">
<p style="font-weight:bold;color:{{BRAND_COLOUR}}">{{OPERATOR_NAME}}</p>
<p>{{_mail_hello}} {{NAME}},</p>
<p>{{_mail_invite_reminder_body}}</p>
<p><a href="{{LINK}}">{{_mail_invite_button}}</a></p>
<p>{{_mail_invite_reminder_expiry}} {{EXPIRES}}</p>
</body></html>
