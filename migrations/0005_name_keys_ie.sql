-- Name keys fold Ukrainian "ie" (є, ьє, Pieskov) to "e", so Peskov and Пєсков are one key.
-- name_key() is the application's own folding, registered on every open (src/store/db.ts).
UPDATE actor_aliases SET name_key = name_key(alias);
