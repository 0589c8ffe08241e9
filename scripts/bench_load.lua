-- wrk-script van make bench-load (scripts/bench_load.py geeft de paden als argumenten).
-- Elke thread loopt de paden om de beurt af; elk antwoord buiten 200-299 telt als fout.
-- done() schrijft één regel "RESULTAAT sleutel=waarde ..." (tijden in microseconden).

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   paden = args
   volgende = 0
   niet_2xx = 0
end

function request()
   volgende = volgende % #paden + 1
   return wrk.format("GET", paden[volgende])
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      niet_2xx = niet_2xx + 1
   end
end

function done(summary, latency, requests)
   local fouten = 0
   for _, thread in ipairs(threads) do
      fouten = fouten + thread:get("niet_2xx")
   end
   local e = summary.errors
   io.write(string.format(
      "RESULTAAT verzoeken=%d duur=%d p50=%d p90=%d p99=%d max=%d niet_2xx=%d verbinden=%d lezen=%d schrijven=%d timeout=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency.max, fouten, e.connect, e.read, e.write, e.timeout))
end
