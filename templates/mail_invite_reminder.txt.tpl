{{%AUTOESCAPE context="HTML"}}
{{_mail_hello}} {{NAME:none}},

{{BODY:none}}

{{LINK:none}}

{{_mail_invite_reminder_expiry}} {{EXPIRES:none}}

{{OPERATOR_NAME:none}}
