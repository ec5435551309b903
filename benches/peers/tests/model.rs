//! The tl-proto model against the layer, and both decoders against each
//! other, on the benchmark's own messages.

use tl_proto::TlRead;
use tlview::schema::{self, ty};
use tlview_peers_bench::model::*;
use tlview_peers_bench::*;

/// Every declared constructor: its id in the model, its name in the schema
/// and the type it builds (`None`: a bare struct of a one-constructor type).
#[rustfmt::skip]
fn declared() -> Vec<(u32, &'static str, Option<tlview::schema::TypeIndex>)> {
    let t = Some;
    vec![
        (Updates::TL_ID_UPDATES_TOO_LONG, "updatesTooLong", t(ty::UPDATES)),
        (Updates::TL_ID_UPDATE_SHORT_MESSAGE, "updateShortMessage", t(ty::UPDATES)),
        (Updates::TL_ID_UPDATE_SHORT_CHAT_MESSAGE, "updateShortChatMessage", t(ty::UPDATES)),
        (Updates::TL_ID_UPDATE_SHORT, "updateShort", t(ty::UPDATES)),
        (Updates::TL_ID_UPDATES_COMBINED, "updatesCombined", t(ty::UPDATES)),
        (Updates::TL_ID_UPDATES, "updates", t(ty::UPDATES)),
        (Updates::TL_ID_UPDATE_SHORT_SENT_MESSAGE, "updateShortSentMessage", t(ty::UPDATES)),
        (Update::TL_ID_UPDATE_NEW_MESSAGE, "updateNewMessage", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_MESSAGE_ID, "updateMessageID", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_DELETE_MESSAGES, "updateDeleteMessages", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_USER_STATUS, "updateUserStatus", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_USER_NAME, "updateUserName", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_USER_PHOTO, "updateUserPhoto", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_CHAT_PARTICIPANT_ADD, "updateChatParticipantAdd", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_CHAT_PARTICIPANT_DELETE, "updateChatParticipantDelete", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_USER_PHONE, "updateUserPhone", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_READ_HISTORY_INBOX, "updateReadHistoryInbox", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_READ_HISTORY_OUTBOX, "updateReadHistoryOutbox", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_READ_MESSAGES_CONTENTS, "updateReadMessagesContents", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_CHANNEL_TOO_LONG, "updateChannelTooLong", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_CHANNEL, "updateChannel", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_NEW_CHANNEL_MESSAGE, "updateNewChannelMessage", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_DELETE_CHANNEL_MESSAGES, "updateDeleteChannelMessages", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_CHANNEL_MESSAGE_VIEWS, "updateChannelMessageViews", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_EDIT_CHANNEL_MESSAGE, "updateEditChannelMessage", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_EDIT_MESSAGE, "updateEditMessage", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_PEER_BLOCKED, "updatePeerBlocked", t(ty::UPDATE)),
        (Update::TL_ID_UPDATE_CHAT, "updateChat", t(ty::UPDATE)),
        (Message::TL_ID_MESSAGE_EMPTY, "messageEmpty", t(ty::MESSAGE)),
        (Message::TL_ID_MESSAGE, "message", t(ty::MESSAGE)),
        (Message::TL_ID_MESSAGE_SERVICE, "messageService", t(ty::MESSAGE)),
        (MessageAction::TL_ID_EMPTY, "messageActionEmpty", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_CHAT_CREATE, "messageActionChatCreate", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_CHAT_EDIT_TITLE, "messageActionChatEditTitle", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_CHAT_DELETE_PHOTO, "messageActionChatDeletePhoto", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_CHAT_ADD_USER, "messageActionChatAddUser", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_CHAT_DELETE_USER, "messageActionChatDeleteUser", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_CHAT_JOINED_BY_LINK, "messageActionChatJoinedByLink", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_CHANNEL_CREATE, "messageActionChannelCreate", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_CHAT_MIGRATE_TO, "messageActionChatMigrateTo", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_CHANNEL_MIGRATE_FROM, "messageActionChannelMigrateFrom", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_PIN_MESSAGE, "messageActionPinMessage", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_HISTORY_CLEAR, "messageActionHistoryClear", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_GAME_SCORE, "messageActionGameScore", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_PAYMENT_SENT, "messageActionPaymentSent", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_SCREENSHOT_TAKEN, "messageActionScreenshotTaken", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_CUSTOM_ACTION, "messageActionCustomAction", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_BOT_ALLOWED, "messageActionBotAllowed", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_CONTACT_SIGN_UP, "messageActionContactSignUp", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_GEO_PROXIMITY_REACHED, "messageActionGeoProximityReached", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_GROUP_CALL, "messageActionGroupCall", t(ty::MESSAGE_ACTION)),
        (MessageAction::TL_ID_INVITE_TO_GROUP_CALL, "messageActionInviteToGroupCall", t(ty::MESSAGE_ACTION)),
        (InputGroupCall::TL_ID, "inputGroupCall", None),
        (Peer::TL_ID_PEER_USER, "peerUser", t(ty::PEER)),
        (Peer::TL_ID_PEER_CHAT, "peerChat", t(ty::PEER)),
        (Peer::TL_ID_PEER_CHANNEL, "peerChannel", t(ty::PEER)),
        (MessageFwdHeader::TL_ID, "messageFwdHeader", None),
        (MessageReplyHeader::TL_ID, "messageReplyHeader", None),
        (MessageReplies::TL_ID, "messageReplies", None),
        (RestrictionReason::TL_ID, "restrictionReason", None),
        (MessageEntity::TL_ID_UNKNOWN, "messageEntityUnknown", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_MENTION, "messageEntityMention", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_HASHTAG, "messageEntityHashtag", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_BOT_COMMAND, "messageEntityBotCommand", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_URL, "messageEntityUrl", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_EMAIL, "messageEntityEmail", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_BOLD, "messageEntityBold", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_ITALIC, "messageEntityItalic", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_CODE, "messageEntityCode", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_PRE, "messageEntityPre", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_TEXT_URL, "messageEntityTextUrl", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_MENTION_NAME, "messageEntityMentionName", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_INPUT_MENTION_NAME, "inputMessageEntityMentionName", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_PHONE, "messageEntityPhone", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_CASHTAG, "messageEntityCashtag", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_UNDERLINE, "messageEntityUnderline", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_STRIKE, "messageEntityStrike", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_BLOCKQUOTE, "messageEntityBlockquote", t(ty::MESSAGE_ENTITY)),
        (MessageEntity::TL_ID_BANK_CARD, "messageEntityBankCard", t(ty::MESSAGE_ENTITY)),
        (MessageMedia::TL_ID_EMPTY, "messageMediaEmpty", t(ty::MESSAGE_MEDIA)),
        (MessageMedia::TL_ID_GEO, "messageMediaGeo", t(ty::MESSAGE_MEDIA)),
        (MessageMedia::TL_ID_CONTACT, "messageMediaContact", t(ty::MESSAGE_MEDIA)),
        (MessageMedia::TL_ID_UNSUPPORTED, "messageMediaUnsupported", t(ty::MESSAGE_MEDIA)),
        (MessageMedia::TL_ID_VENUE, "messageMediaVenue", t(ty::MESSAGE_MEDIA)),
        (MessageMedia::TL_ID_GEO_LIVE, "messageMediaGeoLive", t(ty::MESSAGE_MEDIA)),
        (MessageMedia::TL_ID_DICE, "messageMediaDice", t(ty::MESSAGE_MEDIA)),
        (GeoPoint::TL_ID_EMPTY, "geoPointEmpty", t(ty::GEO_POINT)),
        (GeoPoint::TL_ID_GEO_POINT, "geoPoint", t(ty::GEO_POINT)),
        (ReplyMarkup::TL_ID_HIDE, "replyKeyboardHide", t(ty::REPLY_MARKUP)),
        (ReplyMarkup::TL_ID_FORCE_REPLY, "replyKeyboardForceReply", t(ty::REPLY_MARKUP)),
        (ReplyMarkup::TL_ID_MARKUP, "replyKeyboardMarkup", t(ty::REPLY_MARKUP)),
        (ReplyMarkup::TL_ID_INLINE, "replyInlineMarkup", t(ty::REPLY_MARKUP)),
        (KeyboardButtonRow::TL_ID, "keyboardButtonRow", None),
        (KeyboardButton::TL_ID_BUTTON, "keyboardButton", t(ty::KEYBOARD_BUTTON)),
        (KeyboardButton::TL_ID_URL, "keyboardButtonUrl", t(ty::KEYBOARD_BUTTON)),
        (KeyboardButton::TL_ID_CALLBACK, "keyboardButtonCallback", t(ty::KEYBOARD_BUTTON)),
        (KeyboardButton::TL_ID_REQUEST_PHONE, "keyboardButtonRequestPhone", t(ty::KEYBOARD_BUTTON)),
        (KeyboardButton::TL_ID_REQUEST_GEO_LOCATION, "keyboardButtonRequestGeoLocation", t(ty::KEYBOARD_BUTTON)),
        (KeyboardButton::TL_ID_SWITCH_INLINE, "keyboardButtonSwitchInline", t(ty::KEYBOARD_BUTTON)),
        (KeyboardButton::TL_ID_GAME, "keyboardButtonGame", t(ty::KEYBOARD_BUTTON)),
        (KeyboardButton::TL_ID_BUY, "keyboardButtonBuy", t(ty::KEYBOARD_BUTTON)),
        (KeyboardButton::TL_ID_URL_AUTH, "keyboardButtonUrlAuth", t(ty::KEYBOARD_BUTTON)),
        (KeyboardButton::TL_ID_INPUT_URL_AUTH, "inputKeyboardButtonUrlAuth", t(ty::KEYBOARD_BUTTON)),
        (KeyboardButton::TL_ID_REQUEST_POLL, "keyboardButtonRequestPoll", t(ty::KEYBOARD_BUTTON)),
        (User::TL_ID_USER_EMPTY, "userEmpty", t(ty::USER)),
        (User::TL_ID_USER, "user", t(ty::USER)),
        (UserProfilePhoto::TL_ID_EMPTY, "userProfilePhotoEmpty", t(ty::USER_PROFILE_PHOTO)),
        (UserProfilePhoto::TL_ID_PHOTO, "userProfilePhoto", t(ty::USER_PROFILE_PHOTO)),
        (FileLocation::TL_ID, "fileLocationToBeDeprecated", None),
        (UserStatus::TL_ID_EMPTY, "userStatusEmpty", t(ty::USER_STATUS)),
        (UserStatus::TL_ID_ONLINE, "userStatusOnline", t(ty::USER_STATUS)),
        (UserStatus::TL_ID_OFFLINE, "userStatusOffline", t(ty::USER_STATUS)),
        (UserStatus::TL_ID_RECENTLY, "userStatusRecently", t(ty::USER_STATUS)),
        (UserStatus::TL_ID_LAST_WEEK, "userStatusLastWeek", t(ty::USER_STATUS)),
        (UserStatus::TL_ID_LAST_MONTH, "userStatusLastMonth", t(ty::USER_STATUS)),
        (Chat::TL_ID_CHAT_EMPTY, "chatEmpty", t(ty::CHAT)),
        (Chat::TL_ID_CHAT, "chat", t(ty::CHAT)),
        (Chat::TL_ID_CHAT_FORBIDDEN, "chatForbidden", t(ty::CHAT)),
        (Chat::TL_ID_CHANNEL, "channel", t(ty::CHAT)),
        (Chat::TL_ID_CHANNEL_FORBIDDEN, "channelForbidden", t(ty::CHAT)),
        (ChatPhoto::TL_ID_EMPTY, "chatPhotoEmpty", t(ty::CHAT_PHOTO)),
        (ChatPhoto::TL_ID_PHOTO, "chatPhoto", t(ty::CHAT_PHOTO)),
        (ChatAdminRights::TL_ID, "chatAdminRights", None),
        (ChatBannedRights::TL_ID, "chatBannedRights", None),
        (InputChannel::TL_ID_EMPTY, "inputChannelEmpty", t(ty::INPUT_CHANNEL)),
        (InputChannel::TL_ID_INPUT_CHANNEL, "inputChannel", t(ty::INPUT_CHANNEL)),
        (InputChannel::TL_ID_FROM_MESSAGE, "inputChannelFromMessage", t(ty::INPUT_CHANNEL)),
        (InputUser::TL_ID_INPUT_USER_EMPTY, "inputUserEmpty", t(ty::INPUT_USER)),
        (InputUser::TL_ID_INPUT_USER_SELF, "inputUserSelf", t(ty::INPUT_USER)),
        (InputUser::TL_ID_INPUT_USER, "inputUser", t(ty::INPUT_USER)),
        (InputUser::TL_ID_INPUT_USER_FROM_MESSAGE, "inputUserFromMessage", t(ty::INPUT_USER)),
        (InputPeer::TL_ID_INPUT_PEER_EMPTY, "inputPeerEmpty", t(ty::INPUT_PEER)),
        (InputPeer::TL_ID_INPUT_PEER_SELF, "inputPeerSelf", t(ty::INPUT_PEER)),
        (InputPeer::TL_ID_INPUT_PEER_CHAT, "inputPeerChat", t(ty::INPUT_PEER)),
        (InputPeer::TL_ID_INPUT_PEER_USER, "inputPeerUser", t(ty::INPUT_PEER)),
        (InputPeer::TL_ID_INPUT_PEER_CHANNEL, "inputPeerChannel", t(ty::INPUT_PEER)),
        (InputPeer::TL_ID_INPUT_PEER_USER_FROM_MESSAGE, "inputPeerUserFromMessage", t(ty::INPUT_PEER)),
        (InputPeer::TL_ID_INPUT_PEER_CHANNEL_FROM_MESSAGE, "inputPeerChannelFromMessage", t(ty::INPUT_PEER)),
        (AcceptContact::TL_ID, "contacts.acceptContact", None),
        (SendMessage::TL_ID, "messages.sendMessage", None),
    ]
}

/// The ids are the layer's: tlview's generated table names the same
/// constructor (that table is checked fresh against the schema by .ci/run),
/// and so does the schema text itself (the repository's copy in `schema/`).
#[test]
fn ids_are_the_schemas() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/api-layer122.tl");
    let schema = Some(std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}")));
    let mut checked_text = 0;
    for (id, name, _) in declared() {
        let c = schema::constructor_by_id(id)
            .unwrap_or_else(|| panic!("{name}: {id:#x} not in layer 122"));
        assert_eq!(c.name(), name, "{id:#010x}");
        if let Some(text) = &schema {
            let line = text
                .lines()
                .find(|l| l.starts_with(&format!("{name}#")))
                .unwrap_or_else(|| panic!("{name} not in the schema"));
            let hex = line[name.len() + 1..].split(' ').next().unwrap();
            assert_eq!(u32::from_str_radix(hex, 16).unwrap(), id, "{name}");
            checked_text += 1;
        }
    }
    eprintln!(
        "{} ids checked against tlview's table, {checked_text} against the schema text",
        declared().len()
    );
}

/// The types the module doc calls fully declared have every constructor of
/// the layer; the partial ones have exactly the counts it states.
#[test]
fn coverage_is_as_documented() {
    let all = declared();
    let count = |t: tlview::schema::TypeIndex| {
        let members: Vec<u32> = schema::type_members(t)
            .iter()
            .map(|&i| schema::constructor(i).unwrap())
            .filter(|c| !c.is_function())
            .map(|c| c.id)
            .collect();
        let ours = all.iter().filter(|(_, _, ty)| *ty == Some(t)).count();
        for (id, name, ty) in &all {
            if *ty == Some(t) {
                assert!(members.contains(id), "{name} is not of its type");
            }
        }
        (ours, members.len())
    };
    for t in [
        ty::UPDATES,
        ty::MESSAGE,
        ty::PEER,
        ty::MESSAGE_ENTITY,
        ty::REPLY_MARKUP,
        ty::KEYBOARD_BUTTON,
        ty::USER,
        ty::USER_PROFILE_PHOTO,
        ty::USER_STATUS,
        ty::CHAT,
        ty::CHAT_PHOTO,
        ty::INPUT_CHANNEL,
        ty::INPUT_USER,
        ty::INPUT_PEER,
        ty::GEO_POINT,
    ] {
        let (ours, layer) = count(t);
        assert_eq!(ours, layer, "{}", schema::type_name(t));
    }
    assert_eq!(count(ty::MESSAGE_ENTITY), (19, 19));
    assert_eq!(count(ty::UPDATES), (7, 7));
    assert_eq!(count(ty::USER_STATUS), (6, 6));
    assert_eq!(count(ty::UPDATE), (21, 88));
    assert_eq!(count(ty::MESSAGE_MEDIA), (7, 13));
    assert_eq!(count(ty::MESSAGE_ACTION), (21, 26));
}

/// Each message decodes with both, tl-proto consuming exactly all bytes,
/// and both touches read the same values.
#[test]
fn both_decoders_agree_on_every_message() {
    let msgs = messages();
    assert_eq!(msgs.len(), 7);
    for (name, bytes) in &msgs {
        let a = tlview::Updates::decode(bytes).unwrap_or_else(|e| panic!("{name}: tlview: {e}"));
        let b = tl_proto_decode(bytes).unwrap_or_else(|e| panic!("{name}: tl-proto: {e}"));
        assert_eq!(
            a.id(),
            tl_proto::deserialize::<u32>(bytes).unwrap(),
            "{name}"
        );
        assert_eq!(touch_tlview(&a), touch_tl_proto(&b), "{name}");
        // `tl_proto::deserialize` itself (no trailing check) agrees.
        let c: Updates<'_> = tl_proto::deserialize(bytes).unwrap();
        assert_eq!(touch_tl_proto(&c), touch_tl_proto(&b), "{name}");
        // The whole message is consumed: one byte more is refused...
        let mut longer = bytes.clone();
        longer.extend_from_slice(&[0; 4]);
        assert!(tl_proto_decode(&longer).is_err(), "{name}");
        // ...and so is one word less.
        if bytes.len() > 4 {
            assert!(
                tl_proto_decode(&bytes[..bytes.len() - 4]).is_err(),
                "{name}"
            );
        }
    }
}

/// What the messages hold, read through the tl-proto model: the counts
/// stated in shared/vectors/README.md.
#[test]
fn tl_proto_sees_the_documented_content() {
    let msgs = messages();
    let get = |n: &str| &msgs.iter().find(|(m, _)| *m == n).unwrap().1;
    match tl_proto_decode(get("short_message")).unwrap() {
        Updates::UpdateShortMessage(m) => {
            assert!(m.out.is_some());
            assert_eq!(m.message.len(), 120);
            assert_eq!(m.entities.unwrap().len(), 4);
            assert!(matches!(
                m.fwd_from.unwrap().from_id,
                Some(Peer::PeerUser { user_id: 123456 })
            ));
            assert_eq!(m.reply_to.unwrap().reply_to_msg_id, 999);
        }
        _ => panic!(),
    }
    match tl_proto_decode(get("short_sent")).unwrap() {
        Updates::UpdateShortSentMessage(m) => {
            assert!(matches!(m.media, Some(MessageMedia::Empty)));
            assert_eq!(m.entities.unwrap().len(), 2);
        }
        _ => panic!(),
    }
    match tl_proto_decode(get("update_short")).unwrap() {
        Updates::UpdateShort(s) => assert!(matches!(
            s.update,
            Update::UpdateUserStatus {
                user_id: 100007,
                status: UserStatus::Online {
                    expires: 1600000300
                }
            }
        )),
        _ => panic!(),
    }
    for (name, n_up, n_users, n_chats) in
        [("updates_50", 50, 20, 5), ("updates_combined_10", 10, 5, 2)]
    {
        let (updates, users, chats) = match tl_proto_decode(get(name)).unwrap() {
            Updates::Updates(u) => (u.updates, u.users, u.chats),
            Updates::UpdatesCombined(u) => (u.updates, u.users, u.chats),
            _ => panic!(),
        };
        assert_eq!(
            (updates.len(), users.len(), chats.len()),
            (n_up, n_users, n_chats),
            "{name}"
        );
        for u in updates.iter() {
            let Update::UpdateNewMessage {
                message: Message::Message(m),
                ..
            } = u
            else {
                panic!()
            };
            assert!(matches!(m.from_id, Some(Peer::PeerUser { .. })));
            assert_eq!(m.message.len(), 80);
            assert_eq!(m.entities.as_ref().unwrap().len(), 2);
        }
        assert!(users
            .iter()
            .all(|u| matches!(u, User::User(d) if d.first_name.is_some())));
        assert!(chats.iter().all(|c| matches!(c, Chat::Chat(_))));
    }
}

/// Both encoders write the same `contacts.acceptContact` bytes.
#[test]
fn both_encoders_write_the_same_request() {
    for ((name, a), b) in requests::NAMES
        .iter()
        .zip(requests::tlview())
        .zip(requests::tl_proto())
    {
        let mut buf = [0u8; 64];
        let n = a.encode_to_slice(&mut buf).unwrap();
        let ours = tl_proto::serialize(&b);
        assert_eq!(&buf[..n], &ours[..], "{name}");
        // And each reads the other's back.
        assert_eq!(tlview::AcceptContact::decode(&ours).unwrap(), a, "{name}");
        assert_eq!(
            <AcceptContact as TlRead>::read_from(&mut &buf[..n]).unwrap(),
            b,
            "{name}"
        );
    }
    // The exact bytes of the first, from the schema by hand.
    let mut want = Vec::new();
    for w in [0xf831a20fu32, 0xd8292816, 777] {
        want.extend_from_slice(&w.to_le_bytes());
    }
    want.extend_from_slice(&(-5i64).to_le_bytes());
    assert_eq!(tl_proto::serialize(&requests::tl_proto()[0]), want);
}

/// Both encoders write the same `messages.sendMessage` bytes, and those are
/// the schema's, written out by hand word by word.
#[test]
fn both_encoders_write_the_same_send_message() {
    use tlview::encode::Encode;
    use tlview_peers_bench::send_message as sm;

    let a = sm::tlview();
    let b = sm::tl_proto();
    let mut buf = [0u8; 256];
    let n = a.encode_to_slice(&mut buf).unwrap();
    assert_eq!(n, sm::LEN);
    assert_eq!(a.encoded_len(), sm::LEN);
    let theirs = tl_proto::serialize(&b);
    assert_eq!(&buf[..n], &theirs[..]);

    // messages.sendMessage#520c3870 flags:# no_webpage:flags.1?true
    //   silent:flags.5?true background:flags.6?true clear_draft:flags.7?true
    //   peer:InputPeer reply_to_msg_id:flags.0?int message:string
    //   random_id:long reply_markup:flags.2?ReplyMarkup
    //   entities:flags.3?Vector<MessageEntity> schedule_date:flags.10?int
    let mut want = Vec::new();
    let mut w = |x: &[u8]| want.extend_from_slice(x);
    w(&0x520c3870u32.to_le_bytes());
    // reply_to_msg_id (0), entities (3), silent (5): 0b10_1001.
    w(&0x29u32.to_le_bytes());
    w(&0x7b8e7de6u32.to_le_bytes()); // inputPeerUser
    w(&sm::USER_ID.to_le_bytes());
    w(&sm::ACCESS_HASH.to_le_bytes());
    w(&sm::REPLY_TO.to_le_bytes());
    w(&[100]); // the short length byte
    w(sm::TEXT);
    w(&[0, 0, 0]); // 101 bytes padded to 104
    w(&sm::RANDOM_ID.to_le_bytes());
    w(&VECTOR_ID.to_le_bytes());
    w(&2u32.to_le_bytes());
    w(&0xbd610bc9u32.to_le_bytes()); // messageEntityBold
    w(&sm::BOLD.0.to_le_bytes());
    w(&sm::BOLD.1.to_le_bytes());
    w(&0x826f8b60u32.to_le_bytes()); // messageEntityItalic
    w(&sm::ITALIC.0.to_le_bytes());
    w(&sm::ITALIC.1.to_le_bytes());
    assert_eq!(want.len(), sm::LEN);
    // The header alone first, for a readable failure.
    assert_eq!(&buf[..8], &want[..8], "id and flags");
    assert_eq!(&buf[..n], &want[..]);

    // Each reads the other's bytes back.
    let v = tlview::functions::messages::SendMessage::decode(&theirs).unwrap();
    assert!(v.silent() && !v.no_webpage() && !v.background() && !v.clear_draft());
    assert_eq!(v.reply_to_msg_id(), Some(sm::REPLY_TO));
    assert_eq!(v.message().as_bytes(), sm::TEXT);
    assert_eq!(v.random_id(), sm::RANDOM_ID);
    assert_eq!(v.entities().map(|e| e.len()), Some(2));
    assert!(v.reply_markup().is_none() && v.schedule_date().is_none());
    let r = <SendMessage<'_> as TlRead>::read_from(&mut &buf[..n]).unwrap();
    assert!(r.silent.is_some() && r.no_webpage.is_none());
    assert_eq!(r.peer, b.peer);
    assert_eq!(r.reply_to_msg_id, Some(sm::REPLY_TO));
    assert_eq!(r.message, sm::TEXT);
    assert_eq!(r.random_id, sm::RANDOM_ID);
    let spans: Vec<_> = r
        .entities
        .unwrap()
        .iter()
        .map(MessageEntity::span)
        .collect();
    assert_eq!(spans, [sm::BOLD, sm::ITALIC]);
    assert!(r.reply_markup.is_none() && r.schedule_date.is_none());
}
