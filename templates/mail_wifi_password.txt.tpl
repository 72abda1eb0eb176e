{{%AUTOESCAPE context="HTML"}}
{{_mail_hello}} {{NAME:none}},

{{_mail_wifi_body}}

{{_mail_wifi_password_label}} {{PASSWORD:none}}
{{_wifi_homesite}}: {{HOMESITE:none}}
{{_concurrent_device_limit}}: {{DEVICE_LIMIT:none}}

{{_mail_wifi_reconnect}}

{{OPERATOR_NAME:none}}
