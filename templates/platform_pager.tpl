{{%AUTOESCAPE context="HTML"}}
<nav class="pager" aria-label="{{_paging}}">
<span class="pager-status">{{_page_of}} {{PAGE}} {{_page_of_total}} {{PAGES}}</span>
<span class="pager-links">
{{#PREV}}<a class="btn btn-small btn-secondary" href="{{HREF}}" rel="prev">{{_previous}}</a>{{/PREV}}
{{#NEXT}}<a class="btn btn-small btn-secondary" href="{{HREF}}" rel="next">{{_next}}</a>{{/NEXT}}
</span>
</nav>
