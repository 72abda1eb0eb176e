{{%AUTOESCAPE context="HTML"}}
{{_mail_hello}} {{NAME:none}},

{{_mail_invite_reminder_body}}

{{LINK:none}}

{{_mail_invite_reminder_expiry}} {{EXPIRES:none}}

{{OPERATOR_NAME:none}}
