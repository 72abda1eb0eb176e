{{%AUTOESCAPE context="HTML"}}
{{_mail_hello}} {{NAME:none}},

{{_mail_invite_body}}

{{LINK:none}}

{{_mail_invite_expiry}}

{{OPERATOR_NAME:none}}
