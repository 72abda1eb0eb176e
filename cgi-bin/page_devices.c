/* placeholder, replaced by its page group */
int page_devices_placeholder;
