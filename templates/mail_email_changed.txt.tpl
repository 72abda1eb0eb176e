{{%AUTOESCAPE context="HTML"}}
{{_mail_hello}} {{NAME:none}},

{{_mail_email_changed_body}}

{{_mail_email_changed_old}} {{OLD_EMAIL:none}}
{{_mail_email_changed_new}} {{NEW_EMAIL:none}}

{{_mail_email_changed_signin}}

{{OPERATOR_NAME:none}}
