{{%AUTOESCAPE context="HTML"}}
{{_mail_hello}} {{NAME:none}},

{{_mail_invite_notice_body}}

{{OPERATOR_NAME:none}}
