{{%AUTOESCAPE context="HTML"}}
{{BODY:none}}

{{_mail_operator_notice_what}} {{WHAT:none}}
{{_mail_operator_notice_error}} {{ERROR:none}}
{{_mail_operator_notice_when}} {{WHEN:none}}

{{_mail_operator_notice_why}}

{{OPERATOR_NAME:none}}
