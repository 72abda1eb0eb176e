{{%AUTOESCAPE context="HTML"}}
{{#ACCOUNT}}{{>TABS}}{{/ACCOUNT}}
{{#OCCUPIER}}<div class="page-header">
<div>
<h1>{{_wifi_devices}}</h1>
<p class="page-subtitle">{{_dev_intro}}</p>
</div>
</div>{{/OCCUPIER}}
{{#ERRORS}}<div class="error-summary" role="alert" tabindex="-1">
<h2>{{_errors_summary_title}}</h2>
<ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>
</div>{{/ERRORS}}
<p class="results-count">{{TOTAL}} {{_dev_found}}</p>
<table class="table" id="devices">
<caption class="visually-hidden">{{_wifi_devices}}</caption>
<thead><tr>
<th scope="col">{{_dev_name}}</th>
<th scope="col">{{_dev_type}}</th>
<th scope="col">{{_dev_mac}}</th>
<th scope="col">{{_dev_site}}</th>
<th scope="col" class="col-actions"><span class="visually-hidden">{{_actions}}</span></th>
</tr></thead>
<tbody>
{{#DEVICE}}<tr>
<td data-label="{{_dev_name}}">{{NAME}}</td>
<td data-label="{{_dev_type}}">{{TYPE}}</td>
<td data-label="{{_dev_mac}}" class="mono">{{MAC}}</td>
<td data-label="{{_dev_site}}">{{SITE}}</td>
<td class="col-actions"><div class="row-actions"><a class="btn btn-small btn-secondary" href="{{BASE}}/{{ID}}/edit#add-device-h" aria-label="{{_dev_edit}} {{NAME}}">{{_dev_edit}}</a>
<form method="post" action="{{BASE}}/{{ID}}/delete" data-confirm-dialog="device-delete-dialog" data-confirm-subject="{{NAME}} ({{MAC}})">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="btn btn-small btn-danger-outline" aria-label="{{_delete}} {{NAME}}">{{_delete}}</button>
</form></div></td>
</tr>
{{/DEVICE}}
{{#EMPTY}}<tr class="empty-row"><td colspan="5">{{_dev_none}}</td></tr>{{/EMPTY}}
</tbody>
</table>
<dialog id="device-delete-dialog" class="dialog" aria-labelledby="device-delete-h">
<h2 id="device-delete-h">{{_dev_delete_title}}</h2>
<p>{{_dev_delete_confirm}} <strong data-confirm-subject></strong></p>
<div class="dialog-actions">
<button type="button" class="btn btn-secondary" data-dialog-cancel>{{_cancel}}</button>
<button type="button" class="btn btn-danger" data-dialog-confirm>{{_dev_delete_button}}</button>
</div>
</dialog>
<p></p>
<section class="panel" aria-labelledby="add-device-h">
<h2 id="add-device-h">{{#ADDING}}{{_dev_add_title}}{{/ADDING}}{{#EDITING}}{{_dev_edit_title}}: {{EDIT_NAME}}{{/EDITING}}</h2>
<form method="post" action="{{#ADDING}}{{ACTION}}{{/ADDING}}{{#EDITING}}{{ACTION}}{{/EDITING}}" data-validate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="form-grid">
<div class="field{{#NAME_ERROR}} field-error{{/NAME_ERROR}}">
<label for="name">{{_dev_name}} <span class="req">({{_required_marker_text}})</span></label>
{{#NAME_ERROR}}<p class="error-message" id="name-error">{{MESSAGE}}</p>{{/NAME_ERROR}}
<input type="text" id="name" name="name" value="{{NAME_VALUE}}" maxlength="100" required autocomplete="off"{{#NAME_ERROR}} aria-invalid="true" aria-describedby="name-error"{{/NAME_ERROR}}>
</div>
<div class="field{{#TYPE_ERROR}} field-error{{/TYPE_ERROR}}">
<label for="type">{{_dev_type}} <span class="req">({{_required_marker_text}})</span></label>
{{#TYPE_ERROR}}<p class="error-message" id="type-error">{{MESSAGE}}</p>{{/TYPE_ERROR}}
<select id="type" name="type" required{{#TYPE_ERROR}} aria-invalid="true" aria-describedby="type-error"{{/TYPE_ERROR}}>
<option value="">{{_dev_choose_type}}</option>
{{#TYPE_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/TYPE_OPTION}}</select>
</div>
<div class="field{{#MAC_ERROR}} field-error{{/MAC_ERROR}}">
<label for="mac">{{_dev_mac}} <span class="req">({{_required_marker_text}})</span></label>
<p class="hint" id="mac-hint">{{_dev_mac_hint}}</p>
{{#MAC_ERROR}}<p class="error-message" id="mac-error">{{MESSAGE}}</p>{{/MAC_ERROR}}
<input type="text" class="mono" id="mac" name="mac" value="{{MAC_VALUE}}" maxlength="17" required autocomplete="off" autocapitalize="none" spellcheck="false" pattern="[0-9A-Fa-f]{2}([:\-][0-9A-Fa-f]{2}){5}" aria-describedby="mac-hint{{#MAC_ERROR}} mac-error{{/MAC_ERROR}}"{{#MAC_ERROR}} aria-invalid="true"{{/MAC_ERROR}}>
</div>
<div class="field{{#SITE_ERROR}} field-error{{/SITE_ERROR}}">
<label for="site">{{_dev_site}} <span class="req">({{_required_marker_text}})</span></label>
{{#SITE_ERROR}}<p class="error-message" id="site-error">{{MESSAGE}}</p>{{/SITE_ERROR}}
<select id="site" name="site" required{{#SITE_ERROR}} aria-invalid="true" aria-describedby="site-error"{{/SITE_ERROR}}>
<option value="">{{_dev_choose_site}}</option>
{{#SITE_OPTION}}<option value="{{SITE_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{SITE_NAME}}</option>
{{/SITE_OPTION}}</select>
</div>
</div>
<div class="form-actions">{{#ADDING}}<button type="submit" class="btn btn-primary" data-submit>{{_dev_add_button}}</button>{{/ADDING}}{{#EDITING}}<a class="btn btn-secondary" href="{{BASE}}">{{_cancel}}</a> <button type="submit" class="btn btn-primary" data-submit>{{_save_changes}}</button>{{/EDITING}}</div>
</form>
</section>
