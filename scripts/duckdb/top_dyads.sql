-- The ten most active directed dyads among acts with a recipient.
SELECT actor, recipient, count(*) AS events
FROM 'events.parquet',
     unnest(string_split(actor_countries, ';')) AS a(actor),
     unnest(string_split(recipient_countries, ';')) AS r(recipient)
WHERE actor <> '' AND recipient <> '' AND actor <> recipient
GROUP BY ALL
ORDER BY events DESC, actor, recipient
LIMIT 10;
