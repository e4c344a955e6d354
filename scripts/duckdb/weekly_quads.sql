-- Events per week and quad class in which Iran is a party.
SELECT date_trunc('week', event_date) AS week, quad_class, count(*) AS events
FROM 'events.parquet'
WHERE list_contains(actor_countries, 'IRN')
   OR list_contains(recipient_countries, 'IRN')
GROUP BY ALL
ORDER BY ALL;
