{{%AUTOESCAPE context="HTML"}}
{{_mail_hello}} {{NAME:none}},

{{_mail_reset_body}}

{{LINK:none}}

{{_mail_reset_expiry}}

{{OPERATOR_NAME:none}}
