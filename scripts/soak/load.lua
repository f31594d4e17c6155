-- wrk script of the soak's bulk load (scripts/soak/soak.py): POST /user/messages with well-formed U2C messages (a
-- JSON string of 773 bytes in base64) at a paced rate. Every body is distinct, because the appender stores a
-- byte-identical message once: the run's first 16 characters name the thread and the request, the rest is random
-- (TIPLINE_LOAD_BODY, 1032 characters from the soak driver). The CoverNode cannot open these messages; they load
-- the edge, the APIs, the stream and trial decryption, while the simulated readers carry the real traffic.
-- Environment: TIPLINE_LOAD_BODY, TIPLINE_LOAD_DELAY_MS (the pause before each request on one connection).

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local threads = {}
local next_id = 0

-- 16 base64 characters (96 bits) that encode `thread` and `counter`; whole groups of four, so always valid base64.
local function prefix(thread, counter)
    local out = {}
    local value = thread * 2 ^ 40 + counter
    for i = 1, 16 do
        local digit = value % 64
        out[i] = alphabet:sub(digit + 1, digit + 1)
        value = math.floor(value / 64)
    end
    return table.concat(out)
end

function setup(thread)
    next_id = next_id + 1
    thread:set("id", next_id)
    table.insert(threads, thread)
end

function init(args)
    counter = 0
    statuses = {}
    base = os.getenv("TIPLINE_LOAD_BODY")
    pause = tonumber(os.getenv("TIPLINE_LOAD_DELAY_MS") or "0")
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
end

function delay()
    return pause
end

function request()
    counter = counter + 1
    local body = '"' .. prefix(id, counter) .. base:sub(17) .. '"'
    return wrk.format(nil, "/user/messages", nil, body)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

-- One line the driver parses: `load-statuses 200=N 503=M …` summed over the threads.
function done(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("statuses")) do
            total[status] = (total[status] or 0) + count
        end
    end
    local parts = {}
    for status, count in pairs(total) do
        table.insert(parts, status .. "=" .. count)
    end
    table.sort(parts)
    io.write("load-statuses " .. table.concat(parts, " ") .. "\n")
    io.write(string.format("load-latency-p99-ms %.1f\n", latency:percentile(99) / 1000))
end
