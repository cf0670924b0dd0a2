#!/usr/bin/env python3
"""Writes the Facebook fixtures under fixtures/facebook/ (invented people, real structure).

JSON files are written the way Meta writes them: every string's UTF-8 bytes are turned into
code points U+0000-U+00FF and escaped as \\u00XX (pure-ASCII files). HTML files are normal UTF-8.
Run from the repository root: python3 scripts/gen-facebook-fixtures.py
"""
import json, os, shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "facebook")

OWNER = "Zofia Wiśniewska"
MAI = "Nguyễn Thị Mai"
FANG = "王芳"
LUKASZ = "Łukasz Żółkiewski"
EMMA = "Emma 🌸 Larsen"
JP = "Jean-Luc Pérez"
KRZYS = "Krzysztof Nowak"
HUNG = "Trần Văn Hùng"
MINH = "Lê Minh"
WEI = "李伟"
OLGA = "Olga Dąbrowska"
PIOTR = "Piotr Wójcik"

# A tiny valid JPEG (8x8 grey), varied by a trailing comment so each file differs.
JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432"
    "ffc0000b080008000801011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbfcffd9"
)


def meta(v):
    """Meta's mojibake: UTF-8 bytes as Latin-1 code points."""
    if isinstance(v, str):
        return v.encode("utf-8").decode("latin-1")
    if isinstance(v, list):
        return [meta(x) for x in v]
    if isinstance(v, dict):
        return {meta(k): meta(x) for k, x in v.items()}
    return v


def write_json(base, rel, value, raw=None):
    path = os.path.join(base, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="ascii") as f:
        if raw is not None:
            f.write(raw)
        else:
            f.write(json.dumps(meta(value), indent=2, ensure_ascii=True))
            f.write("\n")


def write_file(base, rel, data):
    path = os.path.join(base, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as f:
        f.write(data)


def jpeg(n):
    return JPEG[:-2] + b"\xff\xfe\x00\x06" + n.to_bytes(4, "big") + b"\xff\xd9"


def msg(sender, ms, content=None, **kw):
    m = {"sender_name": sender, "timestamp_ms": ms}
    if content is not None:
        m["content"] = content
    m.update(kw)
    m.setdefault("is_geoblocked_for_viewer", False)
    return m


def thread(participants, title, path, messages, **kw):
    t = {"participants": [{"name": p} for p in participants], "messages": messages, "title": title,
         "is_still_participant": True, "thread_path": path, "magic_words": []}
    t.update(kw)
    return t


# --------------------------------------------------------------------------------------
def json_2024():
    base = os.path.join(ROOT, "json-2024")
    A = "your_facebook_activity"
    write_json(base, "personal_information/profile_information/profile_information.json", {"profile_v2": {
        "name": {"full_name": OWNER, "first_name": "Zofia", "middle_name": "", "last_name": "Wiśniewska"},
        "emails": {"emails": ["zofia@example.com"], "previous_emails": ["zofia.w@example.org"],
                   "pending_emails": [], "ad_account_emails": []},
        "birthday": {"year": 1990, "month": 4, "day": 15},
        "gender": {"pronoun": "FEMALE"},
        "current_city": {"name": "Kraków", "timestamp": 1600000000},
        "hometown": {"name": "Zakopane", "timestamp": 0},
        "work_experiences": [{"employer": "Pierogarnia Łódź Sp. z o.o.", "title": "Główna kucharka",
                              "location": "Łódź", "start_timestamp": 1420070400, "end_timestamp": 1577836800}],
        "education_experiences": [{"name": "Uniwersytet Jagielloński", "start_timestamp": 1246406400,
                                   "end_timestamp": 1404172800, "graduated": True,
                                   "concentrations": ["Sinologia", "Wietnamistyka"], "school_type": "University"}],
        "websites": [{"address": "https://example.com/zofia"}],
        "phone_numbers": [{"phone_type": "Mobile", "phone_number": "+48 600 000 000", "verified": True}],
        "username": "zofia.wisniewska",
        "registration_timestamp": 1199145600,
        "profile_uri": "https://www.facebook.com/zofia.wisniewska",
    }})
    C = "connections"
    write_json(base, f"{C}/friends/your_friends.json", {"friends_v2": [
        {"name": MAI, "timestamp": 1500000000}, {"name": FANG, "timestamp": 1510000000},
        {"name": LUKASZ, "timestamp": 1600000000}, {"name": EMMA, "timestamp": 1650000000}]})
    write_json(base, f"{C}/friends/removed_friends.json", {"deleted_friends_v2": [{"name": HUNG, "timestamp": 1520000000}]})
    write_json(base, f"{C}/friends/sent_friend_requests.json", {"sent_requests_v2": [{"name": WEI, "timestamp": 1530000000}]})
    write_json(base, f"{C}/friends/received_friend_requests.json", {"received_requests_v2": [{"name": OLGA, "timestamp": 1540000000}]})
    write_json(base, f"{C}/friends/rejected_friend_requests.json", {"rejected_requests_v2": [{"name": PIOTR, "timestamp": 1545000000}]})
    write_json(base, f"{C}/followers/who_you've_followed.json", {"following_v3": [{"name": JP, "timestamp": 1550000000}]})
    write_json(base, f"{C}/followers/people_who_followed_you_1.json", [
        {"title": "", "media_list_data": [], "string_list_data": [{"value": MINH, "timestamp": 1560000000}]}])

    p1 = {"timestamp": 1704110400, "title": f"{OWNER} updated her status.",
          "data": [{"post": "Szczęśliwego Nowego Roku! 🎆🥂"}, {"update_timestamp": 1704114000}],
          "attachments": [{"data": [{"media": {
              "uri": f"{A}/posts/media/Mobileuploads_1a2b/101.jpg", "creation_timestamp": 1704110300,
              "title": "Mobile uploads", "description": "Szczęśliwego Nowego Roku! 🎆🥂",
              "media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": "192.0.2.10", "taken_timestamp": 1704109000}]}}}}]}],
          "tags": [{"name": MAI}]}
    p2 = {"timestamp": 1706788800, "title": f"{OWNER} was at Quanjude 全聚德.",
          "data": [{"post": "北京的烤鸭真好吃！"}],
          "attachments": [{"data": [
              {"external_context": {"url": "https://example.org/kaoya", "name": "Peking duck"}},
              {"place": {"name": "Quanjude 全聚德", "coordinate": {"latitude": 39.8988, "longitude": 116.3974},
                         "address": "Qianmen, Beijing"}}]}]}
    p3 = {"timestamp": 1709294400, "data": [{"post": "Chúc mừng sinh nhật Mai! 🎂"}],
          "attachments": [{"data": [{"event": {"name": "Sinh nhật Mai 🎉", "start_timestamp": 1709391600,
                                              "end_timestamp": 1709402400}}]}]}
    p4 = {"timestamp": 1711972800, "title": f"{OWNER} wrote a note.", "data": [],
          "attachments": [{"data": [{"note": {"title": "Lista zakupów", "text": "Żurek, pierogi, kiełbasa",
                                             "created_timestamp": 1711972000, "tags": []}}]}]}
    write_json(base, f"{A}/posts/your_posts__check_ins__photos_and_videos_1.json", [p1, p2, p3])
    # Part 2 repeats the last post of part 1, as paginated exports do.
    write_json(base, f"{A}/posts/your_posts__check_ins__photos_and_videos_2.json", [p3, p4])
    write_file(base, f"{A}/posts/media/Mobileuploads_1a2b/101.jpg", jpeg(101))

    write_json(base, f"{A}/comments_and_reactions/comments.json", {"comments_v2": [
        {"timestamp": 1704200000, "data": [{"comment": {"timestamp": 1704200000, "comment": "Wszystkiego najlepszego! 🎉", "author": OWNER}}],
         "title": f"{OWNER} commented on {MAI}'s post."},
        {"timestamp": 1704300000, "data": [{"comment": {"timestamp": 1704300000, "comment": "Świetna trasa 🚴", "author": OWNER, "group": "Rowerowy Kraków"}}],
         "title": f"{OWNER} commented on {LUKASZ}'s post in Rowerowy Kraków."}]})
    write_json(base, f"{A}/comments_and_reactions/likes_and_reactions_1.json", [
        {"timestamp": 1704400000, "label_values": [{"label": "Reaction", "value": "Love"}, {"label": "Name", "value": MAI},
                                                    {"label": "URL", "value": "https://www.facebook.com/example/posts/1"}], "fbid": "1000"},
        {"timestamp": 1704500000, "label_values": [{"label": "Reaction", "value": "Haha"}, {"label": "Name", "value": FANG},
                                                    {"label": "URL", "value": "https://www.facebook.com/example/posts/2"}], "fbid": "1001"}])
    write_json(base, f"{A}/groups/your_group_membership_activity.json", {"groups_joined_v2": [
        {"title": "Rowerowy Kraków", "timestamp": 1650000000}]})
    write_json(base, f"{A}/events/your_event_responses.json", {"event_responses_v2": {
        "events_joined": [{"name": "Wigilia u Łukasza", "start_timestamp": 1703440800, "end_timestamp": 0}],
        "events_declined": [{"name": "Maraton Warszawski", "start_timestamp": 1727596800, "end_timestamp": 0}],
        "events_interested": []}})
    write_json(base, "logged_information/search/your_search_history.json", {"searches_v2": [
        {"timestamp": 1705000000, "attachments": [{"data": [{"text": "pierogi ruskie"}]}], "title": "You searched Facebook"},
        {"timestamp": 1705100000, "attachments": [{"data": [{"text": "phở bò"}]}], "title": "You searched Facebook"}]})

    M = f"{A}/messages"
    mai_dir = "inbox/nguyenthimai_1234567890"
    t0 = 1672912800000  # 2023-01-05T10:00:00Z
    photo = f"{M}/{mai_dir}/photos/111_222.jpg"
    ms = [
        msg(MAI, t0 + 123, "Chào Zofia! Bạn khỏe không?"),
        msg(OWNER, t0 + 60_000, "Cześć Mai! Wszystko dobrze, dziękuję 😊"),
        msg(MAI, t0 + 120_000, photos=[{"uri": photo, "creation_timestamp": 1672912920}]),
        msg(OWNER, t0 + 180_000, "Piękne zdjęcie! 😍", reactions=[{"reaction": "❤", "actor": MAI}]),
        msg(MAI, t0 + 240_000, "Xem cái này nè", share={"link": "https://example.com/pho", "share_text": "Phở ngon nhất Hà Nội"}),
        msg(OWNER, t0 + 300_000, f"You called {MAI}.", call_duration=125),
        msg(MAI, t0 + 360_000, is_unsent=True),
        msg(OWNER, t0 + 420_000, "Do zobaczenia w Krakowie! 🚲🇵🇱"),
        msg(MAI, t0 + 480_000, "Hẹn gặp lại! 👋"),
    ]
    for part, chunk in ((3, ms[0:3]), (2, ms[3:6]), (1, ms[6:9])):
        write_json(base, f"{M}/{mai_dir}/message_{part}.json",
                   thread([MAI, OWNER], MAI, mai_dir, list(reversed(chunk))))
    write_file(base, photo, jpeg(111))

    g_dir = "archived_threads/rowerowykrakow_98765"
    g0 = 1680000000000  # 2023-03-28T10:40:00Z
    gm = [
        msg(LUKASZ, g0, "Kto jedzie w sobotę?"),
        msg(KRZYS, g0 + 1000, "Ja nie mogę, przepraszam."),
        msg(KRZYS, g0 + 2000, f"{KRZYS} left the group.", type="Unsubscribe", users=[{"name": KRZYS}]),
        msg(FANG, g0 + 3000, "我也去！", reactions=[{"reaction": "👍", "actor": LUKASZ}, {"reaction": "👍", "actor": OWNER}]),
        msg(EMMA, g0 + 4000, "Jeg kommer også 🌸"),
    ]
    write_json(base, f"{M}/{g_dir}/message_1.json",
               thread([OWNER, LUKASZ, EMMA, FANG], "Rowerowy Kraków 🚴", g_dir, list(reversed(gm)), joinable_mode={"mode": 1, "link": ""}))

    e_dir = "e2ee_cutover/emmalarsen_777"
    write_json(base, f"{M}/{e_dir}/message_1.json",
               thread([EMMA, OWNER], EMMA, e_dir, [msg(EMMA, 1700000000000, "Hej Zofia 🌸")]))

    f_dir = "inbox/wangfang_5555"
    fm = [msg(FANG, 1690000000000, "你好，Zofia！"), msg(OWNER, 1690000060000, "Nǐ hǎo! 😀")]
    write_json(base, f"{M}/{f_dir}/message_1.json", thread([FANG, OWNER], FANG, f_dir, list(reversed(fm))))
    # A malformed part: cut off in the middle of a message.
    whole = json.dumps(meta(thread([FANG, OWNER], FANG, f_dir, [msg(FANG, 1680000000000, "Stara wiadomość")])), indent=2, ensure_ascii=True)
    write_json(base, f"{M}/{f_dir}/message_2.json", None, raw=whole[: whole.index("Stara") + 3])

    # A stray HTML page and an unknown JSON file.
    write_file(base, f"{A}/posts/your_posts_1.html",
               "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Your posts</title></head>"
               "<body><div class=\"_a6-g\">Szczęśliwego Nowego Roku!</div></body></html>\n")
    write_json(base, f"{A}/brand_new_feature/brand_new_thing.json", {"brand_new_thing_v2": [{"title": "Coś nowego", "timestamp": 1710000000}]})


# --------------------------------------------------------------------------------------
def json_2019():
    base = os.path.join(ROOT, "json-2019")
    write_json(base, "profile_information/profile_information.json", {"profile": {
        "name": {"full_name": OWNER, "first_name": "Zofia", "last_name": "Wiśniewska"},
        "emails": {"emails": ["zofia@example.com"]},
        "birthday": {"year": 1990, "month": 4, "day": 15},
        "current_city": {"name": "Kraków"},
        "work_experiences": [{"employer": "Pierogarnia Łódź Sp. z o.o.", "title": "Kucharka", "start_timestamp": 1420070400}],
        "education_experiences": [{"name": "Uniwersytet Jagielloński", "start_timestamp": 1246406400, "end_timestamp": 1404172800,
                                   "graduated": True, "concentrations": ["Sinologia"]}],
        "username": "zofia.wisniewska",
        "registration_timestamp": 1199145600,
    }})
    write_json(base, "friends/friends.json", {"friends": [{"name": MAI, "timestamp": 1500000000}, {"name": FANG, "timestamp": 1510000000}]})
    write_json(base, "friends/removed_friends.json", {"deleted_friends": [{"name": HUNG, "timestamp": 1520000000}]})
    write_json(base, "friends/sent_friend_requests.json", {"sent_requests": [{"name": WEI, "timestamp": 1530000000}]})
    write_json(base, "friends/received_friend_requests.json", {"received_requests": [{"name": OLGA, "timestamp": 1540000000}]})
    write_json(base, "friends/rejected_friend_requests.json", {"rejected_requests": [{"name": PIOTR, "timestamp": 1545000000}]})
    write_json(base, "following_and_followers/followers.json", {"followers": [{"name": MINH}]})
    write_json(base, "following_and_followers/following.json", {"following": [{"name": JP, "timestamp": 1550000000}]})
    write_json(base, "posts/your_posts.json", {"status_updates": [
        {"timestamp": 1546344000, "title": f"{OWNER} updated her status.", "data": [{"post": "Zażółć gęślą jaźń 🦆"}]},
        {"timestamp": 1554120000, "data": [{"post": "Hôm nay trời đẹp quá ☀️"}], "tags": [MAI]}]})
    write_json(base, "comments/comments.json", {"comments": [
        {"timestamp": 1555000000, "data": [{"comment": {"timestamp": 1555000000, "comment": "Super! 👍", "author": OWNER}}],
         "title": f"{OWNER} commented on {FANG}'s post."}]})
    write_json(base, "likes_and_reactions/posts_and_comments.json", {"reactions": [
        {"timestamp": 1556000000, "data": [{"reaction": {"reaction": "LIKE", "actor": OWNER}}], "title": f"{OWNER} likes {FANG}'s post."},
        {"timestamp": 1557000000, "data": [{"reaction": {"reaction": "LOVE", "actor": OWNER}}], "title": f"{OWNER} loves {LUKASZ}'s photo."}]})
    write_json(base, "likes_and_reactions/pages.json", {"page_likes": [{"name": "Pierogi Fan Club 🥟", "timestamp": 1450000000}]})
    write_json(base, "groups/your_group_membership_activity.json", {"groups_joined": [{"title": "Rowerowy Kraków", "timestamp": 1480000000}]})
    write_json(base, "events/your_event_responses.json", {"event_responses": {
        "events_joined": [{"name": "Juwenalia 2019", "start_timestamp": 1558202400, "end_timestamp": 1558224000}],
        "events_interested": [{"name": "Tết w Krakowie 🧧", "start_timestamp": 1549112400, "end_timestamp": 0}]}})
    t = "inbox/emmalarsen_ABC123"
    em = [msg(EMMA, 1551434400000, "Hej! 🌸", type="Generic"),
          msg(OWNER, 1551434460000, "Cześć Emma!", type="Generic", reactions=[{"reaction": "❤", "actor": EMMA}]),
          msg(EMMA, 1551434520000, type="Generic", sticker={"uri": "messages/stickers_used/39178562_1.png"})]
    write_json(base, f"messages/{t}/message_1.json",
               thread([EMMA, OWNER], EMMA, t, list(reversed(em)), thread_type="Regular"))
    write_file(base, "messages/stickers_used/39178562_1.png",
               bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                             "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a1d3f5a50000000049454e44ae426082"))
    write_json(base, "search_history/your_search_history.json", {"searches": [
        {"timestamp": 1560000000, "data": [{"text": "pierogi ruskie"}], "title": "You searched Facebook"}]})


# --------------------------------------------------------------------------------------
def json_2022():
    base = os.path.join(ROOT, "json-2022")
    write_json(base, "profile_information/profile_information.json", {"profile_v2": {
        "name": {"full_name": OWNER}, "emails": {"emails": ["zofia@example.com"], "previous_emails": []},
        "current_city": {"name": "Kraków", "timestamp": 1600000000}, "username": "zofia.wisniewska"}})
    F = "friends_and_followers"
    write_json(base, f"{F}/friends.json", {"friends_v2": [
        {"name": MAI, "timestamp": 1500000000}, {"name": FANG, "timestamp": 1510000000}, {"name": LUKASZ, "timestamp": 1600000000}]})
    write_json(base, f"{F}/removed_friends.json", {"deleted_friends_v2": [{"name": HUNG, "timestamp": 1520000000}]})
    write_json(base, f"{F}/friend_requests_sent.json", {"sent_requests_v2": [{"name": WEI, "timestamp": 1530000000}]})
    write_json(base, f"{F}/friend_requests_received.json", {"received_requests_v2": [{"name": OLGA, "timestamp": 1540000000}]})
    write_json(base, f"{F}/following.json", {"following_v2": [{"name": JP, "timestamp": 1550000000}]})
    write_json(base, f"{F}/followers.json", {"followers_v2": [{"name": MINH, "timestamp": 1560000000}]})
    write_json(base, "posts/your_posts_1.json", [
        {"timestamp": 1640995200, "data": [{"post": "Nowy rok, nowe przygody! 🏔️"}],
         "attachments": [{"data": [{"media": {"uri": "posts/media/YourPosts_9f8e/201.jpg", "creation_timestamp": 1640995100,
                                              "title": "Your Posts", "description": "Nowy rok, nowe przygody! 🏔️"}}]}],
         "title": f"{OWNER} updated her status."},
        {"timestamp": 1643673600, "data": [{"post": "我们去滑雪吧 ⛷️"}, {"update_timestamp": 1643673700}]},
        {"timestamp": 1646092800, "title": f"{OWNER} updated her profile picture.", "data": []}])
    write_file(base, "posts/media/YourPosts_9f8e/201.jpg", jpeg(201))
    album_photo = {"uri": "posts/media/Tatry2022_7c6d/301.jpg", "creation_timestamp": 1641081600, "title": "Tatry 2022 🏔️"}
    write_json(base, "posts/album/0.json", {"name": "Tatry 2022 🏔️", "photos": [album_photo], "cover_photo": album_photo,
                                           "last_modified_timestamp": 1641081600, "description": "Zakopane i okolice"})
    write_file(base, "posts/media/Tatry2022_7c6d/301.jpg", jpeg(301))
    write_json(base, "comments_and_reactions/comments.json", {"comments_v2": [
        {"timestamp": 1641100000, "data": [{"comment": {"timestamp": 1641100000, "comment": "Đẹp quá! 😍", "author": OWNER}}],
         "title": f"{OWNER} commented on {MAI}'s photo."}]})
    write_json(base, "comments_and_reactions/posts_and_comments.json", {"reactions_v2": [
        {"timestamp": 1641200000, "data": [{"reaction": {"reaction": "WOW", "actor": OWNER}}], "title": f"{OWNER} reacted to {FANG}'s post."}]})
    write_json(base, "pages/pages_you\u2019ve_liked.json", {"page_likes_v2": [{"name": "Phở Hà Nội Kraków", "timestamp": 1630000000}]})
    lt = "inbox/lukaszzolkiewski_XYZ987"
    lm = [msg(LUKASZ, 1645000000000, "Gdzie jest Łódź? 😂"),
          msg(OWNER, 1645000030000, "W Polsce 🇵🇱", reactions=[{"reaction": "😆", "actor": LUKASZ}])]
    write_json(base, f"messages/{lt}/message_1.json", thread([LUKASZ, OWNER], LUKASZ, lt, list(reversed(lm))))
    wt = "filtered_threads/liwei_555"
    write_json(base, f"messages/{wt}/message_1.json", thread([WEI, OWNER], WEI, wt, [msg(WEI, 1646000000000, "你好")]))


# --------------------------------------------------------------------------------------
def json_2026():
    base = os.path.join(ROOT, "json-2026")
    # 2025 on: a custom gender with a pronoun instead of `gender_option`.
    write_json(base, "personal_information/profile_information/profile_information.json", {"profile_v2": {
        "name": {"full_name": OWNER}, "gender": {"custom_genders": ["Demi-woman"], "pronoun": "FEMALE"}}})
    write_json(base, "connections/followers/who_you_ve_followed.json", {"following_v3": [{"name": JP, "timestamp": 1550000000}]})
    A = "this_profile's_activity_across_facebook"
    write_json(base, f"{A}/posts/profile_posts_1.json", [{"timestamp": 1766664000, "data": [{"post": "Wesołych Świąt! 🎄"}]}])
    t = "inbox/nguyenthimai_1234567890"
    write_json(base, f"{A}/messages/{t}/message_1.json", thread([MAI, OWNER], MAI, t, [msg(MAI, 1767225600000, "Chúc mừng năm mới 2026! 🎆")]))
    # A person Facebook does not name: `{"name": ""}` among the participants and
    # `"sender_name": ""` on their messages (newest first).
    t = "inbox/facebookuser_2345678901"
    write_json(base, f"{A}/messages/{t}/message_1.json", thread(["", OWNER], "", t, [
        msg("", 1767312000000, "Do zobaczenia!"),
        msg(OWNER, 1767311940000, "Cześć, kto to?"),
        msg("", 1767311880000, "Cześć Zofia!")]))
    # A name made only of invisible characters (170 × U+206F).
    t = "inbox/_3456789012"
    write_json(base, f"{A}/messages/{t}/message_1.json", thread(["\u206f" * 170, OWNER], "\u206f" * 170, t, [
        msg("\u206f" * 170, 1767398400000, "👋")]))
    # The same two reactions in both shapes: label_values with the URL, the old shape with
    # the title.
    write_json(base, f"{A}/comments_and_reactions/likes_and_reactions.json", [
        {"timestamp": 1767000000, "label_values": [
            {"label": "Reaction", "value": "Like"},
            {"label": "URL", "value": "https://www.facebook.com/permalink.php?story_fbid=1001&id=2001"},
            {"label": "Owner", "dict": [{"label": "Name", "value": MAI}]}]},
        {"timestamp": 1766900000, "label_values": [
            {"label": "Reaction", "value": "Love"},
            {"label": "URL", "value": "https://www.facebook.com/photo.php?fbid=1002"},
            {"label": "Owner", "dict": [{"label": "Name", "value": FANG}]}]}])
    write_json(base, f"{A}/comments_and_reactions/likes_and_reactions_1.json", [
        {"timestamp": 1767000000, "data": [{"reaction": {"reaction": "LIKE", "actor": OWNER}}],
         "title": f"{OWNER} likes {MAI}'s post."},
        {"timestamp": 1766900000, "data": [{"reaction": {"reaction": "LOVE", "actor": OWNER}}],
         "title": f"{OWNER} reacted to {FANG}'s photo."}])
    # A group post sharing a text file: the file is the post's media.
    write_json(base, f"{A}/groups/group_posts_and_comments.json", {"group_posts_v2": [
        {"timestamp": 1767100000, "data": [{"post": "Przepis na żurek w załączniku"}],
         "attachments": [{"data": [{"media": {"uri": "files/1234567890123456.txt", "creation_timestamp": 1767100000,
                                              "title": ""}}]}],
         "title": f"{OWNER} posted in Kuchnia Polska."}]})
    write_file(base, "files/1234567890123456.txt", "Żurek: zakwas, kiełbasa, jajko.\n")


# --------------------------------------------------------------------------------------
BOX = "pam _3-95 _2pi0 _2lej uiBoxWhite noborder"
TITLE = "_3-96 _2pio _2lek _2lel"
BODY = "_3-96 _2let"
TIME = "_3-94 _2lem"


def page(title, body):
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\" /><title>" + title +
            "</title><link rel=\"stylesheet\" href=\"../files/style.css\" /></head><body class=\"_5vb_ _2yq _4yic\">"
            "<div class=\"clearfix _ikh\"><div class=\"_4bl9\"><div class=\"_li\"><div class=\"_3a_u\">"
            "<div class=\"_4t5n\" role=\"main\">" + body + "</div></div></div></div></div></body></html>\n")


def box(title, body, time):
    return (f"<div class=\"{BOX}\"><div class=\"{TITLE}\">{title}</div>"
            f"<div class=\"{BODY}\">{body}</div><div class=\"{TIME}\">{time}</div></div>")


def html_2020():
    base = os.path.join(ROOT, "html-2020")
    write_file(base, "index.html", page("Zofia Wiśniewska", "<div class=\"_3b0d\">Zofia Wiśniewska</div><a href=\"friends/friends.html\">Friends</a>"))
    write_file(base, "files/style.css", "._2lek{font-weight:bold}\n")
    write_file(base, "profile_information/profile_information.html", page("Profile Information",
        box("Name", "<div>Zofia Wiśniewska</div>", "") + box("Birthday", "<div>April 15, 1990</div>", "")))
    write_file(base, "friends/friends.html", page("Friends",
        box(MAI, "", "Mar 1, 2019 2:05pm") + box(FANG, "", "Jun 18, 2015, 9:35 PM") + box(LUKASZ, "", "Dec 24, 2019 11:00am")))
    write_file(base, "posts/your_posts_1.html", page("Your Posts",
        box(f"{OWNER} updated her status.", "<div><div class=\"_2pin\"><div>Zażółć gęślą jaźń 🦆 &amp; więcej</div></div></div>", "Jan 1, 2020 12:00pm") +
        box(f"{OWNER} added a new photo.", "<div><div class=\"_2pin\"><div>Tôi yêu Hà Nội ❤️</div></div>"
            "<div class=\"_2pin\"><a href=\"../photos_and_videos/your_posts/401.jpg\"><img src=\"../photos_and_videos/your_posts/401.jpg\" class=\"_2yuc _3-96\" /></a></div></div>",
            "Feb 14, 2020 8:30am")))
    write_file(base, "photos_and_videos/your_posts/401.jpg", jpeg(401))
    msgs = [
        (OWNER, "Do widzenia! 👋", "Mar 2, 2020 9:15pm", ""),
        (MAI, "你好 &amp; xin chào", "Mar 2, 2020 9:10pm", ""),
        (MAI, "Chào bạn! 😊", "Mar 2, 2020 9:05pm", f"<ul class=\"_tqp\"><li>❤{OWNER}</li></ul>"),
    ]
    body = "<div class=\"_3b0d\">" + MAI + "</div><div class=\"_2lek\">Participants: " + MAI + " and " + OWNER + "</div>"
    for sender, text, when, reactions in msgs:
        body += box(sender, f"<div><div></div><div>{text}</div><div></div><div></div></div>{reactions}", when)
    write_file(base, "messages/inbox/nguyenthimai_abc123/message_1.html", page(MAI, body))


# --------------------------------------------------------------------------------------
# The Messenger end-to-end-encrypted "secure storage" download (messenger.com, 2024+):
# flat messages/<Thread name>_<N>.json (camelCase, correct UTF-8, no mojibake, timestamps in
# milliseconds, messages in no particular order) and a shared media/ folder with random names.
def write_utf8_json(base, rel, value):
    path = os.path.join(base, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(value, indent=2, ensure_ascii=False))
        f.write("\n")


def smsg(sender, ms, text, **kw):
    m = {"senderName": sender, "text": text, "timestamp": ms, "type": "text", "isUnsent": False,
         "media": [], "reactions": []}
    m.update(kw)
    return m


SECURE_PHOTO = "5b0c1f9e-2d4a-4c1b-9a57-0e3f6c2d8a11.jpeg"


def secure_storage():
    base = os.path.join(ROOT, "messenger-secure-storage")
    e0 = 1700000000000  # 2023-11-14T22:13:20Z: the same message as json-2024's e2ee_cutover thread
    emma = [
        smsg(EMMA, e0 + 120_000, "", type="media", media=[{"uri": f"./media/{SECURE_PHOTO}"}]),
        smsg(EMMA, e0, "Hej Zofia 🌸"),
        smsg(EMMA, e0 + 180_000, f"{EMMA} unsent a message.", isUnsent=True),
        smsg(OWNER, e0 + 60_000, "Cześć Emma! Tęsknię 😊", reactions=[{"actor": EMMA, "reaction": "❤️"}]),
        smsg(OWNER, e0 + 240_000, "Stare eksporty: Ã³"),
    ]
    write_utf8_json(base, f"messages/{EMMA}_1.json",
                    {"participants": [OWNER, EMMA], "threadName": EMMA, "messages": emma})
    write_file(base, f"media/{SECURE_PHOTO}", jpeg(501))
    m0 = 1710000000000  # 2024-03-09T16:00:00Z
    mai = [
        smsg(OWNER, m0 + 30_000, "Jasne! Do zobaczenia jutro 👋"),
        smsg(MAI, m0 + 90_000, "", type="media", media=[{"uri": "Failed to download media"}]),
        smsg(MAI, m0, "Chị ơi, mai mình đi ăn phở nhé? 🍜"),
    ]
    write_utf8_json(base, f"messages/{MAI}_1.json",
                    {"participants": [MAI, OWNER], "threadName": MAI, "messages": mai})
    g0 = 1712000000000  # 2024-04-01T19:33:20Z
    group = [
        smsg(OWNER, g0 + 120_000, "Zażółć gęślą jaźń — jadę! 🇵🇱"),
        smsg(LUKASZ, g0, "Wycieczka do Wieliczki w niedzielę? 🚴‍♀️"),
        smsg(FANG, g0 + 60_000, "好的！我也去。",
             reactions=[{"actor": LUKASZ, "reaction": "👍"}, {"actor": OWNER, "reaction": "🎉"}]),
    ]
    write_utf8_json(base, "messages/Rowerowy Kraków 🚴_1.json",
                    {"participants": [OWNER, LUKASZ, EMMA, FANG], "threadName": "Rowerowy Kraków 🚴",
                     "messages": group})


# --------------------------------------------------------------------------------------
# HTML export of the `_a6-g` era (2022 on), in the 2024 folder layout. Records are
# `section._a6-g` (friends) or `div.pam._3-95._2ph-._a6-g.uiBoxWhite.noborder` (posts,
# messages, profile), titles `h2._a6-h` / `div._a6-h`, bodies `div._a6-p`, dates
# `div._3-94._a6-o > div._a72d` (in posts wrapped in a link) with seconds and am/pm.
A6G = "pam _3-95 _2ph- _a6-g uiBoxWhite noborder"


def a6g_page(title, body, depth):
    up = "../" * depth
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\" /><title>" + title +
            "</title><link rel=\"stylesheet\" href=\"" + up + "files/style.css\" /></head><body class=\"_5vb_ _2yq _a7o5\">"
            "<div class=\"clearfix _ikh\"><div class=\"_4bl9\"><div class=\"_li\"><div class=\"_a705\">"
            "<div class=\"_3-8y _3-95 _3b0b\"><div style=\"font-size: 16px;\">" + title + "</div></div>"
            "<div class=\"_a706\" role=\"main\">" + body + "</div></div></div></div></div></body></html>\n")


def a6g_friend(name, when):
    return (f"<section class=\"_a6-g\"><h2 class=\"_2ph_ _a6-h _a6-i\">{name}</h2>"
            f"<footer class=\"_3-94 _a6-o\"><div class=\"_a72d\">{when}</div></footer></section>")


def a6g_post(title, blocks, when):
    head = f"<h2 class=\"_3-95 _2pim _a6-h _a6-i\">{title}</h2>" if title else ""
    inner = "".join(f"<div class=\"_2pin\">{b}</div>" for b in blocks)
    return (f"<div class=\"{A6G}\">{head}<div class=\"_3-95 _a6-p\"><div><div>{inner}</div></div></div>"
            f"<div class=\"_3-94 _a6-o\"><a href=\"https://www.facebook.com/zofia.wisniewska/posts/1\" target=\"_blank\">"
            f"<div class=\"_a72d\">{when}</div></a></div></div>")


def a6g_msg(sender, text, when, extra=""):
    return (f"<div class=\"{A6G}\"><div class=\"_3-95 _2pim _a6-h _a6-i\">{sender}</div>"
            f"<div class=\"_3-95 _a6-p\"><div><div></div><div>{text}</div><div></div><div>{extra}</div></div></div>"
            f"<div class=\"_3-94 _a6-o\"><div class=\"_a72d\">{when}</div></div></div>")


def html_2024():
    base = os.path.join(ROOT, "html-2024")
    write_file(base, "index.html", a6g_page("Your information", "<a href=\"connections/friends/your_friends.html\">Friends</a>", 0))
    write_file(base, "files/style.css", "._a6-h{font-weight:bold}\n")
    row = lambda label, value: f"<tr><td class=\"_2pin _a6_q\">{label}</td><td class=\"_2pin _2piu _a6_r\">{value}</td></tr>"
    write_file(base, "personal_information/profile_information/profile_information.html", a6g_page("Profile information",
        f"<div class=\"{A6G}\"><h2 class=\"_3-95 _2pim _a6-h _a6-i\">Name</h2><div class=\"_3-95 _a6-p\"><table style=\"table-layout: fixed;\">"
        + row("Full name", OWNER) + row("First name", "Zofia") + row("Last name", "Wiśniewska") + "</table></div></div>"
        f"<div class=\"{A6G}\"><h2 class=\"_3-95 _2pim _a6-h _a6-i\">Birthday</h2><div class=\"_3-95 _a6-p\"><table style=\"table-layout: fixed;\">"
        + row("Date", "April 15, 1990") + "</table></div></div>", 2))
    write_file(base, "connections/friends/your_friends.html", a6g_page("Your friends",
        a6g_friend(MAI, "Jul 14, 2017 4:40:00 am") + a6g_friend(FANG, "Nov 06, 2017 8:26:40 pm")
        + a6g_friend(LUKASZ, "Sep 13, 2020 12:26:40 pm") + a6g_friend(EMMA, "Apr 15, 2022 12:05:00 am"), 2))
    A = "your_facebook_activity"
    photo = f"{A}/posts/media/Mobileuploads_1a2b/101.jpg"
    write_file(base, f"{A}/posts/your_posts__check_ins__photos_and_videos_1.html", a6g_page("Your posts",
        a6g_post(None, ["<div>Chúc mừng sinh nhật Mai! 🎂</div>"], "Mar 01, 2024 12:00:00 am")
        + a6g_post(f"{OWNER} was at Quanjude 全聚德.", ["<div>北京的烤鸭真好吃！ &lt;3</div>"], "Feb 01, 2024 8:00:00 pm")
        + a6g_post(f"{OWNER} updated her status.", ["<div>Szczęśliwego Nowego Roku! 🎆🥂</div>",
            f"<a href=\"{photo}\" target=\"_blank\"><img src=\"{photo}\" class=\"_a6_o _3-96\" /></a>"], "Jan 01, 2024 1:00:00 pm"), 2))
    write_file(base, photo, jpeg(601))
    write_file(base, f"{A}/comments_and_reactions/comments.html", a6g_page("Comments",
        a6g_post(f"{OWNER} commented on {MAI}'s post.", ["<div>Wszystkiego najlepszego! 🎉</div>"], "Jan 02, 2024 12:53:20 pm"), 2))
    t = f"{A}/messages/inbox/nguyenthimai_1234567890"
    mphoto = f"{t}/photos/111_222.jpg"
    # Newest first in each page; message_2.html holds the older messages.
    write_file(base, f"{t}/message_1.html", a6g_page(MAI,
        a6g_msg(MAI, "Hẹn gặp lại! 👋 &amp; tạm biệt", "Jan 05, 2024 10:04:30 am")
        + a6g_msg(OWNER, "Piękne zdjęcie! 😍", "Jan 05, 2024 10:03:00 am", f"<ul class=\"_tqp\"><li>❤{MAI}</li></ul>")
        + a6g_msg(MAI, "", "Jan 05, 2024 10:02:00 am", f"<a href=\"{mphoto}\" target=\"_blank\"><img src=\"{mphoto}\" class=\"_a6_o _3-96\" /></a>"), 5))
    write_file(base, f"{t}/message_2.html", a6g_page(MAI,
        a6g_msg(OWNER, "Cześć Mai! Wszystko dobrze 😊", "Jan 05, 2024 10:01:00 am")
        + a6g_msg(MAI, "Chào Zofia! Bạn khỏe không?", "Jan 05, 2024 10:00:00 am"), 5))
    write_file(base, mphoto, jpeg(611))
    g = f"{A}/messages/archived_threads/rowerowykrakow_98765"
    write_file(base, f"{g}/message_1.html", a6g_page("Rowerowy Kraków 🚴",
        a6g_msg(OWNER, "Ja też! 🚴", "Mar 28, 2023 12:42:00 pm")
        + a6g_msg(FANG, "我也去！", "Mar 28, 2023 12:41:00 pm")
        + a6g_msg(LUKASZ, "Kto jedzie w sobotę?", "Mar 28, 2023 12:40:00 pm"), 5))


if __name__ == "__main__":
    for d in ("json-2019", "json-2022", "json-2024", "json-2026", "html-2020", "html-2024", "messenger-secure-storage"):
        shutil.rmtree(os.path.join(ROOT, d), ignore_errors=True)
    json_2019()
    json_2022()
    json_2024()
    json_2026()
    html_2020()
    html_2024()
    secure_storage()
