#!/usr/bin/env python3
"""Writes a large synthetic X archive (data/ plural era) for measuring freehold.

usage: gen-twitter-archive.py OUT_DIR TWEETS [SEED]

Deterministic for a given seed: TWEETS tweets split into ~100 MB parts like X does, plus
followers (TWEETS/10), following (TWEETS/20), likes (TWEETS/2) and DMs (TWEETS/10 messages
in conversations of 50). Invented people and text; the structure is that of a real archive.
"""
import json
import os
import random
import sys

PART_BYTES = 100 * 1024 * 1024
OWNER = "113890157185681353"
WORDS = ("fiets gracht koffie rain tram 🚲 café 陈 Lan đường hello world archive "
         "freedom own your data &amp; &lt;3 #rustlang").split()


def stamp(rng, year0=2010):
    y = rng.randint(year0, 2024)
    mon = rng.choice(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
    day = rng.choice(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    return f"{day} {mon} {rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} +0000 {y}"


def tweet(rng, i):
    tid = str(1100000000000000000 + i * 7919)
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 30)))
    urls = []
    if i % 5 == 0:
        text += " https://t.co/abc" + str(i)
        urls.append({"url": "https://t.co/abc" + str(i), "expanded_url": f"https://example.com/{i}",
                     "display_url": f"example.com/{i}", "indices": ["0", "10"]})
    mentions = []
    if i % 3 == 0:
        uid = str(300000000000000000 + (i % 5000))
        mentions.append({"name": "Person " + uid[-4:], "screen_name": "p" + uid[-6:], "indices": ["0", "8"],
                         "id_str": uid, "id": uid})
    t = {"edit_info": {"initial": {"editTweetIds": [tid], "editableUntil": "2023-01-01T00:00:00.000Z",
                                   "editsRemaining": "5", "isEditEligible": False}},
         "retweeted": False, "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
         "entities": {"hashtags": [], "symbols": [], "user_mentions": mentions, "urls": urls},
         "display_text_range": ["0", str(len(text))], "favorite_count": str(i % 17), "id_str": tid,
         "truncated": False, "retweet_count": str(i % 3), "id": tid, "created_at": stamp(rng),
         "favorited": False, "full_text": text, "lang": "nl"}
    if i % 4 == 1:
        t["in_reply_to_status_id_str"] = t["in_reply_to_status_id"] = str(1000000000000000000 + i)
        t["in_reply_to_user_id_str"] = t["in_reply_to_user_id"] = str(300000000000000000 + (i % 5000))
        t["in_reply_to_screen_name"] = "p" + str(300000000000000000 + (i % 5000))[-6:]
    return {"tweet": t}


def write_array(path, global_name, items):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"window.YTD.{global_name} = [")
        first = True
        for item in items:
            f.write("\n" if first else ",\n")
            first = False
            f.write(json.dumps(item, ensure_ascii=False, indent=2, separators=(",", " : ")))
        f.write("\n]")


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    data = os.path.join(out, "data")
    os.makedirs(data, exist_ok=True)
    write_array(os.path.join(data, "account.js"), "account.part0", [{"account": {
        "email": "owner@example.com", "createdVia": "web", "username": "owner", "accountId": OWNER,
        "createdAt": "2009-02-12T12:50:19.000Z", "accountDisplayName": "Owner"}}])
    part, size, f = 0, 0, None
    for i in range(n):
        if f is None or size > PART_BYTES:
            if f:
                f.write("\n]")
                f.close()
            name = "tweets.js" if part == 0 else f"tweets-part{part}.js"
            f = open(os.path.join(data, name), "w", encoding="utf-8")
            f.write(f"window.YTD.tweets.part{part} = [")
            part += 1
            size, first = 0, True
        s = json.dumps(tweet(rng, i), ensure_ascii=False, indent=2, separators=(",", " : "))
        f.write("\n" if first else ",\n")
        first = False
        f.write(s)
        size += len(s)
    if f:
        f.write("\n]")
        f.close()
    write_array(os.path.join(data, "follower.js"), "follower.part0",
                ({"follower": {"accountId": str(400000000000000000 + i),
                               "userLink": f"https://twitter.com/intent/user?user_id={400000000000000000 + i}"}}
                 for i in range(n // 10)))
    write_array(os.path.join(data, "following.js"), "following.part0",
                ({"following": {"accountId": str(500000000000000000 + i),
                                "userLink": f"https://twitter.com/intent/user?user_id={500000000000000000 + i}"}}
                 for i in range(n // 20)))
    write_array(os.path.join(data, "like.js"), "like.part0",
                ({"like": {"tweetId": str(900000000000000000 + i), "fullText": "liked &amp; shared " + str(i),
                           "expandedUrl": f"https://twitter.com/i/web/status/{900000000000000000 + i}"}}
                 for i in range(n // 2)))
    convs = []
    for c in range(max(1, n // 500)):
        other = str(600000000000000000 + c)
        msgs = [{"messageCreate": {"recipientId": other, "reactions": [], "urls": [],
                                   "text": "bericht " + " ".join(rng.choice(WORDS) for _ in range(8)),
                                   "mediaUrls": [], "senderId": OWNER if m % 2 else other,
                                   "id": str(1500000000000000000 + c * 100 + m),
                                   "createdAt": f"2022-01-{1 + m % 28:02d}T10:00:{m % 60:02d}.000Z"}}
                for m in range(50)]
        convs.append({"dmConversation": {"conversationId": f"{OWNER}-{other}", "messages": msgs}})
    write_array(os.path.join(data, "direct-messages.js"), "direct_messages.part0", convs)


if __name__ == "__main__":
    main()
