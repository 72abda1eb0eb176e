{{%AUTOESCAPE context="HTML"}}
<div class="field{{#ERROR}} field-error{{/ERROR}}">
<label for="{{NAME}}">{{LABEL}}{{#REQUIRED}} <span class="req">({{_required_marker_text}})</span>{{/REQUIRED}}</label>
{{#HINT}}<p class="hint" id="{{NAME}}-hint">{{HINT_TEXT}}</p>
{{/HINT}}{{#ERROR}}<p class="error-message" id="{{NAME}}-error">{{MESSAGE}}</p>{{/ERROR}}
<input type="{{TYPE}}" id="{{NAME}}" name="{{NAME}}" value="{{VALUE}}" maxlength="{{MAX}}"{{#REQUIRED}} required{{/REQUIRED}} autocomplete="{{AUTOCOMPLETE}}"{{#NUMERIC}} inputmode="tel"{{/NUMERIC}}{{#ERROR}} aria-invalid="true"{{/ERROR}}{{#DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/DESCRIBED}}>
</div>
