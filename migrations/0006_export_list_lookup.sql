-- /export without filters exports the list this chat was shown last: find it by one index seek
-- (result_lists holds every chat's lists of the last days) instead of a backward scan.
CREATE INDEX result_lists_chat ON result_lists (chat_id, id);
