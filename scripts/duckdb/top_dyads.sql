-- The ten most active directed dyads among acts with a recipient.
SELECT actor, recipient, count(*) AS events
FROM 'events.parquet',
     unnest(actor_countries) AS a(actor),
     unnest(recipient_countries) AS r(recipient)
WHERE actor <> recipient
GROUP BY ALL
ORDER BY events DESC, actor, recipient
LIMIT 10;
