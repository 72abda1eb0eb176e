{{%AUTOESCAPE context="HTML"}}
<section class="panel" aria-labelledby="tel-heading">
<div class="panel-header">
<h2 id="tel-heading" tabindex="-1">{{_tel_heading}}</h2>
</div>
<p class="panel-intro">{{_tel_form_intro}}</p>
<input type="hidden" name="tel_version" value="{{TEL_VERSION}}">
{{#STALE}}<div class="notice notice-error" role="alert">{{STALE_TEXT}}</div>{{/STALE}}
<dl class="fields">
<div><dt>{{_tel_status}}</dt><dd>{{#STATUS_ACTIVE}}<span class="badge badge-green">{{_status_active}}</span>{{/STATUS_ACTIVE}}{{#STATUS_PENDING}}<span class="badge badge-amber">{{_status_pending}}</span>{{/STATUS_PENDING}}{{#PENDING_NOTE}} <span class="hint">{{_tel_pending_note}}</span>{{/PENDING_NOTE}}</dd></div>
<div><dt>{{_tel_phone_number}}</dt><dd class="mono">{{NUMBER}}</dd></div>
<div><dt>{{_tel_extension}}</dt><dd class="mono">{{EXTENSION}}</dd></div>
<div><dt>{{_tel_site}}</dt><dd>{{SITE}}</dd></div>
</dl>
<h3 class="subhead">{{_tel_features}}</h3>
{{#FORWARDING}}<fieldset id="tel-forwarding" class="options"{{#FWD_LOCKED}} disabled aria-describedby="tel-forwarding-reason"{{/FWD_LOCKED}}>
<legend>{{_tel_forwarding}}</legend>
<p class="reason" id="tel-forwarding-reason"{{#FWD_REASON_HIDDEN}} hidden{{/FWD_REASON_HIDDEN}}>{{_tel_forwarding_reason}}</p>
{{#F_FWD_ALWAYS}}<div class="switch{{#INVALID}} field-error{{/INVALID}}">
<input type="checkbox" id="tel_fwd_always" name="tel_fwd_always" value="1" data-controls="tel_fwd_always_to-box"{{#CHECKED}} checked{{/CHECKED}} aria-describedby="tel_fwd_always-hint{{#INVALID}} tel_fwd_always-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
<label for="tel_fwd_always">{{_tel_fwd_always}}</label>
<p class="hint" id="tel_fwd_always-hint">{{_tel_fwd_always_hint}}</p>
{{#ERROR}}<p class="error-message" id="tel_fwd_always-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_FWD_ALWAYS}}
{{#F_FWD_ALWAYS_TO}}<div class="dependent" id="tel_fwd_always_to-box">
<div class="field{{#INVALID}} field-error{{/INVALID}}">
<label for="tel_fwd_always_to">{{_tel_fwd_always_to}}</label>
<input type="tel" id="tel_fwd_always_to" name="tel_fwd_always_to" value="{{VALUE}}" maxlength="20" autocomplete="off" inputmode="tel"{{#INVALID}} aria-invalid="true" aria-describedby="tel_fwd_always_to-error"{{/INVALID}}>
{{#ERROR}}<p class="error-message" id="tel_fwd_always_to-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>
</div>{{/F_FWD_ALWAYS_TO}}
{{#F_FWD_BUSY}}<div class="switch{{#INVALID}} field-error{{/INVALID}}">
<input type="checkbox" id="tel_fwd_busy" name="tel_fwd_busy" value="1" data-controls="tel_fwd_busy_to-box"{{#BUSY_EXCLUDES_CW}} data-excludes="tel_call_waiting"{{/BUSY_EXCLUDES_CW}}{{#CHECKED}} checked{{/CHECKED}} aria-describedby="tel_fwd_busy-hint{{#INVALID}} tel_fwd_busy-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
<label for="tel_fwd_busy">{{_tel_fwd_busy}}</label>
<p class="hint" id="tel_fwd_busy-hint">{{_tel_fwd_busy_hint}}</p>
{{#BUSY_EXCLUDES_CW}}<p class="reason" id="tel_fwd_busy-reason" hidden>{{_tel_busy_reason}}</p>{{/BUSY_EXCLUDES_CW}}
{{#ERROR}}<p class="error-message" id="tel_fwd_busy-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_FWD_BUSY}}
{{#F_FWD_BUSY_TO}}<div class="dependent" id="tel_fwd_busy_to-box">
<div class="field{{#INVALID}} field-error{{/INVALID}}">
<label for="tel_fwd_busy_to">{{_tel_fwd_busy_to}}</label>
<input type="tel" id="tel_fwd_busy_to" name="tel_fwd_busy_to" value="{{VALUE}}" maxlength="20" autocomplete="off" inputmode="tel"{{#INVALID}} aria-invalid="true" aria-describedby="tel_fwd_busy_to-error"{{/INVALID}}>
{{#ERROR}}<p class="error-message" id="tel_fwd_busy_to-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>
</div>{{/F_FWD_BUSY_TO}}
{{#F_FWD_NOANSWER}}<div class="switch{{#INVALID}} field-error{{/INVALID}}">
<input type="checkbox" id="tel_fwd_noanswer" name="tel_fwd_noanswer" value="1" data-controls="tel_fwd_noanswer_to-box"{{#CHECKED}} checked{{/CHECKED}} aria-describedby="tel_fwd_noanswer-hint{{#INVALID}} tel_fwd_noanswer-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
<label for="tel_fwd_noanswer">{{_tel_fwd_noanswer}}</label>
<p class="hint" id="tel_fwd_noanswer-hint">{{_tel_fwd_noanswer_hint}}</p>
{{#ERROR}}<p class="error-message" id="tel_fwd_noanswer-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_FWD_NOANSWER}}
{{#F_FWD_NOANSWER_TO}}<div class="dependent" id="tel_fwd_noanswer_to-box">
<div class="field{{#INVALID}} field-error{{/INVALID}}">
<label for="tel_fwd_noanswer_to">{{_tel_fwd_noanswer_to}}</label>
<input type="tel" id="tel_fwd_noanswer_to" name="tel_fwd_noanswer_to" value="{{VALUE}}" maxlength="20" autocomplete="off" inputmode="tel"{{#INVALID}} aria-invalid="true" aria-describedby="tel_fwd_noanswer_to-error"{{/INVALID}}>
{{#ERROR}}<p class="error-message" id="tel_fwd_noanswer_to-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>
</div>{{/F_FWD_NOANSWER_TO}}
</fieldset>{{/FORWARDING}}
{{#VOICEMAIL}}<fieldset class="options">
<legend>{{_tel_voicemail_legend}}</legend>
{{#F_VOICEMAIL}}<div class="switch{{#INVALID}} field-error{{/INVALID}}">
<input type="checkbox" id="tel_voicemail" name="tel_voicemail" value="1" data-controls="tel-vm-more"{{#CHECKED}} checked{{/CHECKED}}{{#INVALID}} aria-invalid="true" aria-describedby="tel_voicemail-error"{{/INVALID}}>
<label for="tel_voicemail">{{_tel_voicemail}}</label>
{{#ERROR}}<p class="error-message" id="tel_voicemail-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_VOICEMAIL}}
<div class="dependent options" id="tel-vm-more">
{{#F_VM_TO_EMAIL}}<div class="switch{{#INVALID}} field-error{{/INVALID}}">
<input type="checkbox" id="tel_vm_to_email" name="tel_vm_to_email" value="1" data-controls="tel_vm_email-box"{{#CHECKED}} checked{{/CHECKED}} aria-describedby="tel_vm_to_email-hint{{#INVALID}} tel_vm_to_email-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
<label for="tel_vm_to_email">{{_tel_vm_to_email}}</label>
<p class="hint" id="tel_vm_to_email-hint">{{_tel_vm_to_email_hint}}</p>
{{#ERROR}}<p class="error-message" id="tel_vm_to_email-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_VM_TO_EMAIL}}
{{#F_VM_EMAIL}}<div class="dependent" id="tel_vm_email-box">
<div class="field{{#INVALID}} field-error{{/INVALID}}">
<label for="tel_vm_email">{{_tel_vm_email}}</label>
<input type="email" id="tel_vm_email" name="tel_vm_email" value="{{VALUE}}" maxlength="254" autocomplete="email" autocapitalize="none" spellcheck="false"{{#INVALID}} aria-invalid="true" aria-describedby="tel_vm_email-error"{{/INVALID}}>
{{#ERROR}}<p class="error-message" id="tel_vm_email-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>
</div>{{/F_VM_EMAIL}}
</div>
</fieldset>{{/VOICEMAIL}}
{{#CALL_SETTINGS}}<fieldset class="options">
<legend>{{_tel_call_settings}}</legend>
{{#F_HIDE_CALLER_ID}}<div class="switch{{#INVALID}} field-error{{/INVALID}}">
<input type="checkbox" id="tel_hide_caller_id" name="tel_hide_caller_id" value="1"{{#CHECKED}} checked{{/CHECKED}} aria-describedby="tel_hide_caller_id-hint{{#INVALID}} tel_hide_caller_id-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
<label for="tel_hide_caller_id">{{_tel_hide_caller_id}}</label>
<p class="hint" id="tel_hide_caller_id-hint">{{_tel_hide_caller_id_hint}}</p>
{{#ERROR}}<p class="error-message" id="tel_hide_caller_id-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_HIDE_CALLER_ID}}
{{#F_CALL_WAITING}}<div class="switch{{#INVALID}} field-error{{/INVALID}}">
<input type="checkbox" id="tel_call_waiting" name="tel_call_waiting" value="1"{{#CW_EXCLUDES_BUSY}} data-excludes="tel_fwd_busy"{{/CW_EXCLUDES_BUSY}}{{#CHECKED}} checked{{/CHECKED}} aria-describedby="tel_call_waiting-hint{{#INVALID}} tel_call_waiting-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
<label for="tel_call_waiting">{{_tel_call_waiting}}</label>
<p class="hint" id="tel_call_waiting-hint">{{_tel_call_waiting_hint}}</p>
{{#CW_EXCLUDES_BUSY}}<p class="reason" id="tel_call_waiting-reason" hidden>{{_tel_cw_reason}}</p>{{/CW_EXCLUDES_BUSY}}
{{#ERROR}}<p class="error-message" id="tel_call_waiting-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_CALL_WAITING}}
{{#F_CLI}}<div class="switch{{#INVALID}} field-error{{/INVALID}}">
<input type="checkbox" id="tel_cli" name="tel_cli" value="1" data-controls="tel_cli_number-box"{{#CHECKED}} checked{{/CHECKED}} aria-describedby="tel_cli-hint{{#INVALID}} tel_cli-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
<label for="tel_cli">{{_tel_cli}}</label>
<p class="hint" id="tel_cli-hint">{{_tel_cli_hint}}</p>
{{#ERROR}}<p class="error-message" id="tel_cli-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_CLI}}
{{#F_CLI_NUMBER}}<div class="dependent" id="tel_cli_number-box">
<div class="field{{#INVALID}} field-error{{/INVALID}}">
<label for="tel_cli_number">{{_tel_cli_number}}</label>
<p class="hint" id="tel_cli_number-hint">{{_tel_cli_number_hint}}</p>
<select id="tel_cli_number" name="tel_cli_number" aria-describedby="tel_cli_number-hint{{#INVALID}} tel_cli_number-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
<option value="">{{_tel_cli_choose}}</option>
{{#CLI_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{OPT_NUMBER}}</option>
{{/CLI_OPTION}}</select>
{{#ERROR}}<p class="error-message" id="tel_cli_number-error">{{ERROR_TEXT}}</p>{{/ERROR}}
{{#NO_CHOICES}}<p class="hint">{{_tel_cli_no_choices}}</p>{{/NO_CHOICES}}
</div>
</div>{{/F_CLI_NUMBER}}
{{#F_DND}}<div class="switch{{#INVALID}} field-error{{/INVALID}}">
<input type="checkbox" id="tel_dnd" name="tel_dnd" value="1"{{#CHECKED}} checked{{/CHECKED}} aria-describedby="tel_dnd-hint{{#INVALID}} tel_dnd-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
<label for="tel_dnd">{{_tel_dnd}}</label>
<p class="hint" id="tel_dnd-hint">{{_tel_dnd_hint}}</p>
{{#ERROR}}<p class="error-message" id="tel_dnd-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_DND}}
</fieldset>{{/CALL_SETTINGS}}
{{#MORE}}<fieldset class="options">
<legend>{{_tel_more_features}}</legend>
{{#F_AUTH_CODE}}<div class="switch{{#INVALID}} field-error{{/INVALID}}">
<input type="checkbox" id="tel_auth_code" name="tel_auth_code" value="1"{{#AUTH_EXCLUDES_FWD}} data-excludes="tel-forwarding"{{/AUTH_EXCLUDES_FWD}}{{#CHECKED}} checked{{/CHECKED}} aria-describedby="tel_auth_code-hint{{#INVALID}} tel_auth_code-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
<label for="tel_auth_code">{{_tel_auth_code}}</label>
<p class="hint" id="tel_auth_code-hint">{{_tel_auth_code_hint}}</p>
{{#ERROR}}<p class="error-message" id="tel_auth_code-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_AUTH_CODE}}
{{#F_MOH}}<div class="switch{{#INVALID}} field-error{{/INVALID}}">
<input type="checkbox" id="tel_moh" name="tel_moh" value="1"{{#CHECKED}} checked{{/CHECKED}} aria-describedby="tel_moh-hint{{#INVALID}} tel_moh-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
<label for="tel_moh">{{_tel_moh}}</label>
<p class="hint" id="tel_moh-hint">{{_tel_moh_hint}}</p>
{{#ERROR}}<p class="error-message" id="tel_moh-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_MOH}}
{{#F_ACR}}<div class="switch{{#INVALID}} field-error{{/INVALID}}">
<input type="checkbox" id="tel_acr" name="tel_acr" value="1"{{#CHECKED}} checked{{/CHECKED}} aria-describedby="tel_acr-hint{{#INVALID}} tel_acr-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
<label for="tel_acr">{{_tel_acr}}</label>
<p class="hint" id="tel_acr-hint">{{_tel_acr_hint}}</p>
{{#ERROR}}<p class="error-message" id="tel_acr-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>{{/F_ACR}}
</fieldset>{{/MORE}}
{{#READ_ONLY}}<h3 class="subhead">{{_tel_set_by_operator}}</h3>
<dl class="fields">
{{#FEATURE}}<div><dt>{{LABEL}}</dt><dd>{{VALUE}}{{#DETAIL}}: <span class="mono">{{DETAIL_TEXT}}</span>{{/DETAIL}}{{#NOTE}} <span class="hint">{{NOTE_TEXT}}</span>{{/NOTE}}</dd></div>
{{/FEATURE}}
</dl>{{/READ_ONLY}}
</section>
