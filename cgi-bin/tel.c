/* placeholder, replaced by its page group */
int tel_placeholder;
