{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{OPERATOR_NAME}}</title></head>
<body style="font-family:system-ui,sans-serif;color:#1a1a1a">
{{#LOGO}}<p><img src="{{LOGO_URL}}" alt="{{OPERATOR_NAME}}" height="40" style="height:40px;width:auto"></p>{{/LOGO}}
<p style="font-weight:bold;color:{{BRAND_COLOUR}}">{{OPERATOR_NAME}}</p>
<p>{{_mail_hello}} {{NAME}},</p>
<p>{{BODY}}</p>
<p><a href="{{LINK}}">{{_mail_invite_button}}</a></p>
<p>{{_mail_invite_reminder_expiry}} {{EXPIRES}}</p>
</body></html>
