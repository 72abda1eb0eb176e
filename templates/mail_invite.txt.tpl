{{%AUTOESCAPE context="HTML"}}
{{_mail_hello}} {{NAME:none}},

{{BODY:none}}

{{LINK:none}}

{{_mail_invite_expiry}}

{{OPERATOR_NAME:none}}
