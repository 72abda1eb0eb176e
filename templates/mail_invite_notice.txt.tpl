{{%AUTOESCAPE context="HTML"}}
{{_mail_hello}} {{NAME:none}},

{{BODY:none}}

{{OPERATOR_NAME:none}}
