//! The layer-122 types the benchmark messages use, declared for tl-proto with
//! its derive macros and borrowed strings (`&'tl [u8]`), so that
//! `tl_proto::TlRead` decodes them without copying any text.
//!
//! Every constructor id below is checked against the schema by the tests
//! (`tests/model.rs`). Each constructor that is declared is declared with
//! all of its fields in schema order, every `flags.N?` field included, so a
//! declared constructor decodes exactly as the schema says. What is *not*
//! declared makes tl-proto fail with `UnknownConstructor` (never a silent
//! mis-read); those gaps, all outside the benchmark messages, are:
//!
//! * `Update`: 21 of the layer's 88 constructors (the two the messages use,
//!   `updateNewMessage` and `updateUserStatus`, and 19 other common ones with
//!   plain fields).
//! * `MessageMedia`: 7 of 13; not `messageMediaPhoto`, `messageMediaDocument`,
//!   `messageMediaWebPage`, `messageMediaGame`, `messageMediaInvoice`,
//!   `messageMediaPoll` (their `Photo`, `Document`, `WebPage`, ... trees are
//!   large and no benchmark message has one).
//! * `MessageAction` (of `messageService`): 21 of 26; not the five holding a
//!   `Photo`, payment, secure-value or phone-call type.
//!
//! Fully declared: `Updates` (7), `Message` (3, `message#58ae39c9` with all 27
//! of its fields), `Peer`, `MessageFwdHeader`, `MessageReplyHeader`,
//! `MessageReplies`, `RestrictionReason`, `MessageEntity` (19), `ReplyMarkup`
//! (4) with `KeyboardButtonRow` and `KeyboardButton` (11), `User` (2),
//! `UserProfilePhoto`, `UserStatus` (6), `Chat` (5), `ChatPhoto`,
//! `FileLocation`, `ChatAdminRights`, `ChatBannedRights`, `InputChannel`,
//! `InputUser` (4), `InputPeer` (7), `GeoPoint`, `InputGroupCall`.
//!
//! Written too (`TlWrite`, for the encode bench): `InputUser`, `InputPeer`,
//! `MessageEntity`, `ReplyMarkup` (with its rows and buttons) and the two
//! requests, `contacts.acceptContact` and `messages.sendMessage` (all of its
//! fields).

// Variants hold their payloads inline, as tl-proto's derive is meant to be
// used: boxing the big ones (`message`, `user`) would add a heap allocation
// per object to save the moves of a 504-byte `Updates`.
#![allow(clippy::large_enum_variant)]

use tl_proto::{Boxed, TlError, TlPacket, TlRead, TlResult, TlWrite};

/// The id of `vector#1cb5c415`, which every boxed `Vector<T>` starts with.
pub const VECTOR_ID: u32 = 0x1cb5c415;

/// A boxed `Vector<T>`: tl-proto's `Vec<T>` is the bare `vector`, so this
/// newtype reads the `vector` constructor id first.
pub struct Vector<T>(pub Vec<T>);

impl<'a, T: TlRead<'a>> TlRead<'a> for Vector<T> {
    type Repr = Boxed;

    #[inline(always)]
    fn read_from(packet: &mut &'a [u8]) -> TlResult<Self> {
        match u32::read_from(packet) {
            Ok(VECTOR_ID) => Ok(Vector(Vec::<T>::read_from(packet)?)),
            Ok(_) => Err(TlError::UnknownConstructor),
            Err(e) => Err(e),
        }
    }
}

/// Written as read: `vector#1cb5c415`, then tl-proto's bare `Vec<T>` (the
/// count and the items).
impl<T: TlWrite> TlWrite for Vector<T> {
    type Repr = Boxed;

    #[inline(always)]
    fn max_size_hint(&self) -> usize {
        4 + self.0.max_size_hint()
    }

    #[inline(always)]
    fn write_to<P: TlPacket>(&self, packet: &mut P) {
        packet.write_u32(VECTOR_ID);
        self.0.write_to(packet)
    }
}

impl<T> core::ops::Deref for Vector<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

/// A TL `string` (or `bytes`), borrowed from the input.
pub type Str<'tl> = &'tl [u8];

// ---------------------------------------------------------------- Updates

/// `Updates`: all 7 constructors of layer 122.
#[derive(TlRead)]
#[tl(boxed)]
pub enum Updates<'tl> {
    #[tl(id = 0xe317af7e)]
    UpdatesTooLong,
    #[tl(id = 0x2296d2c8)]
    UpdateShortMessage(UpdateShortMessage<'tl>),
    #[tl(id = 0x402d5dbb)]
    UpdateShortChatMessage(UpdateShortChatMessage<'tl>),
    #[tl(id = 0x78d4dec1)]
    UpdateShort(UpdateShort<'tl>),
    #[tl(id = 0x725b04c3)]
    UpdatesCombined(UpdatesCombined<'tl>),
    #[tl(id = 0x74ae4240)]
    Updates(UpdatesData<'tl>),
    #[tl(id = 0x11f1331c)]
    UpdateShortSentMessage(UpdateShortSentMessage<'tl>),
}

/// `updateShortMessage#2296d2c8` (bare body).
#[derive(TlRead)]
pub struct UpdateShortMessage<'tl> {
    #[tl(flags)]
    pub flags: (),
    #[tl(flags_bit = 1)]
    pub out: Option<()>,
    #[tl(flags_bit = 4)]
    pub mentioned: Option<()>,
    #[tl(flags_bit = 5)]
    pub media_unread: Option<()>,
    #[tl(flags_bit = 13)]
    pub silent: Option<()>,
    pub id: i32,
    pub user_id: i32,
    pub message: Str<'tl>,
    pub pts: i32,
    pub pts_count: i32,
    pub date: i32,
    #[tl(flags_bit = 2)]
    pub fwd_from: Option<MessageFwdHeader<'tl>>,
    #[tl(flags_bit = 11)]
    pub via_bot_id: Option<i32>,
    #[tl(flags_bit = 3)]
    pub reply_to: Option<MessageReplyHeader>,
    #[tl(flags_bit = 7)]
    pub entities: Option<Vector<MessageEntity<'tl>>>,
}

/// `updateShortChatMessage#402d5dbb` (bare body).
#[derive(TlRead)]
pub struct UpdateShortChatMessage<'tl> {
    #[tl(flags)]
    pub flags: (),
    #[tl(flags_bit = 1)]
    pub out: Option<()>,
    #[tl(flags_bit = 4)]
    pub mentioned: Option<()>,
    #[tl(flags_bit = 5)]
    pub media_unread: Option<()>,
    #[tl(flags_bit = 13)]
    pub silent: Option<()>,
    pub id: i32,
    pub from_id: i32,
    pub chat_id: i32,
    pub message: Str<'tl>,
    pub pts: i32,
    pub pts_count: i32,
    pub date: i32,
    #[tl(flags_bit = 2)]
    pub fwd_from: Option<MessageFwdHeader<'tl>>,
    #[tl(flags_bit = 11)]
    pub via_bot_id: Option<i32>,
    #[tl(flags_bit = 3)]
    pub reply_to: Option<MessageReplyHeader>,
    #[tl(flags_bit = 7)]
    pub entities: Option<Vector<MessageEntity<'tl>>>,
}

/// `updateShort#78d4dec1` (bare body).
#[derive(TlRead)]
pub struct UpdateShort<'tl> {
    pub update: Update<'tl>,
    pub date: i32,
}

/// `updatesCombined#725b04c3` (bare body).
#[derive(TlRead)]
pub struct UpdatesCombined<'tl> {
    pub updates: Vector<Update<'tl>>,
    pub users: Vector<User<'tl>>,
    pub chats: Vector<Chat<'tl>>,
    pub date: i32,
    pub seq_start: i32,
    pub seq: i32,
}

/// `updates#74ae4240` (bare body).
#[derive(TlRead)]
pub struct UpdatesData<'tl> {
    pub updates: Vector<Update<'tl>>,
    pub users: Vector<User<'tl>>,
    pub chats: Vector<Chat<'tl>>,
    pub date: i32,
    pub seq: i32,
}

/// `updateShortSentMessage#11f1331c` (bare body).
#[derive(TlRead)]
pub struct UpdateShortSentMessage<'tl> {
    #[tl(flags)]
    pub flags: (),
    #[tl(flags_bit = 1)]
    pub out: Option<()>,
    pub id: i32,
    pub pts: i32,
    pub pts_count: i32,
    pub date: i32,
    #[tl(flags_bit = 9)]
    pub media: Option<MessageMedia<'tl>>,
    #[tl(flags_bit = 7)]
    pub entities: Option<Vector<MessageEntity<'tl>>>,
}

// ---------------------------------------------------------------- Update

/// `Update`: the declared constructors (see the module doc).
#[derive(TlRead)]
#[tl(boxed)]
pub enum Update<'tl> {
    #[tl(id = 0x1f2b0afd)]
    UpdateNewMessage {
        message: Message<'tl>,
        pts: i32,
        pts_count: i32,
    },
    #[tl(id = 0x4e90bfd6)]
    UpdateMessageId { id: i32, random_id: i64 },
    #[tl(id = 0xa20db0e5)]
    UpdateDeleteMessages {
        messages: Vector<i32>,
        pts: i32,
        pts_count: i32,
    },
    #[tl(id = 0x1bfbd823)]
    UpdateUserStatus { user_id: i32, status: UserStatus },
    #[tl(id = 0xa7332b73)]
    UpdateUserName {
        user_id: i32,
        first_name: Str<'tl>,
        last_name: Str<'tl>,
        username: Str<'tl>,
    },
    #[tl(id = 0x95313b0c)]
    UpdateUserPhoto {
        user_id: i32,
        date: i32,
        photo: UserProfilePhoto,
        previous: bool,
    },
    #[tl(id = 0xea4b0e5c)]
    UpdateChatParticipantAdd {
        chat_id: i32,
        user_id: i32,
        inviter_id: i32,
        date: i32,
        version: i32,
    },
    #[tl(id = 0x6e5f8c22)]
    UpdateChatParticipantDelete {
        chat_id: i32,
        user_id: i32,
        version: i32,
    },
    #[tl(id = 0x12b9417b)]
    UpdateUserPhone { user_id: i32, phone: Str<'tl> },
    #[tl(id = 0x9c974fdf)]
    UpdateReadHistoryInbox {
        #[tl(flags)]
        flags: (),
        #[tl(flags_bit = 0)]
        folder_id: Option<i32>,
        peer: Peer,
        max_id: i32,
        still_unread_count: i32,
        pts: i32,
        pts_count: i32,
    },
    #[tl(id = 0x2f2f21bf)]
    UpdateReadHistoryOutbox {
        peer: Peer,
        max_id: i32,
        pts: i32,
        pts_count: i32,
    },
    #[tl(id = 0x68c13933)]
    UpdateReadMessagesContents {
        messages: Vector<i32>,
        pts: i32,
        pts_count: i32,
    },
    #[tl(id = 0xeb0467fb)]
    UpdateChannelTooLong {
        #[tl(flags)]
        flags: (),
        channel_id: i32,
        #[tl(flags_bit = 0)]
        pts: Option<i32>,
    },
    #[tl(id = 0xb6d45656)]
    UpdateChannel { channel_id: i32 },
    #[tl(id = 0x62ba04d9)]
    UpdateNewChannelMessage {
        message: Message<'tl>,
        pts: i32,
        pts_count: i32,
    },
    #[tl(id = 0xc37521c9)]
    UpdateDeleteChannelMessages {
        channel_id: i32,
        messages: Vector<i32>,
        pts: i32,
        pts_count: i32,
    },
    #[tl(id = 0x98a12b4b)]
    UpdateChannelMessageViews {
        channel_id: i32,
        id: i32,
        views: i32,
    },
    #[tl(id = 0x1b3f4df7)]
    UpdateEditChannelMessage {
        message: Message<'tl>,
        pts: i32,
        pts_count: i32,
    },
    #[tl(id = 0xe40370a3)]
    UpdateEditMessage {
        message: Message<'tl>,
        pts: i32,
        pts_count: i32,
    },
    #[tl(id = 0x246a4b22)]
    UpdatePeerBlocked { peer_id: Peer, blocked: bool },
    #[tl(id = 0x1330a196)]
    UpdateChat { chat_id: i32 },
}

impl Update<'_> {
    /// The constructor id.
    #[inline(always)]
    pub fn id(&self) -> u32 {
        use Update::*;
        match self {
            UpdateNewMessage { .. } => Self::TL_ID_UPDATE_NEW_MESSAGE,
            UpdateMessageId { .. } => Self::TL_ID_UPDATE_MESSAGE_ID,
            UpdateDeleteMessages { .. } => Self::TL_ID_UPDATE_DELETE_MESSAGES,
            UpdateUserStatus { .. } => Self::TL_ID_UPDATE_USER_STATUS,
            UpdateUserName { .. } => Self::TL_ID_UPDATE_USER_NAME,
            UpdateUserPhoto { .. } => Self::TL_ID_UPDATE_USER_PHOTO,
            UpdateChatParticipantAdd { .. } => Self::TL_ID_UPDATE_CHAT_PARTICIPANT_ADD,
            UpdateChatParticipantDelete { .. } => Self::TL_ID_UPDATE_CHAT_PARTICIPANT_DELETE,
            UpdateUserPhone { .. } => Self::TL_ID_UPDATE_USER_PHONE,
            UpdateReadHistoryInbox { .. } => Self::TL_ID_UPDATE_READ_HISTORY_INBOX,
            UpdateReadHistoryOutbox { .. } => Self::TL_ID_UPDATE_READ_HISTORY_OUTBOX,
            UpdateReadMessagesContents { .. } => Self::TL_ID_UPDATE_READ_MESSAGES_CONTENTS,
            UpdateChannelTooLong { .. } => Self::TL_ID_UPDATE_CHANNEL_TOO_LONG,
            UpdateChannel { .. } => Self::TL_ID_UPDATE_CHANNEL,
            UpdateNewChannelMessage { .. } => Self::TL_ID_UPDATE_NEW_CHANNEL_MESSAGE,
            UpdateDeleteChannelMessages { .. } => Self::TL_ID_UPDATE_DELETE_CHANNEL_MESSAGES,
            UpdateChannelMessageViews { .. } => Self::TL_ID_UPDATE_CHANNEL_MESSAGE_VIEWS,
            UpdateEditChannelMessage { .. } => Self::TL_ID_UPDATE_EDIT_CHANNEL_MESSAGE,
            UpdateEditMessage { .. } => Self::TL_ID_UPDATE_EDIT_MESSAGE,
            UpdatePeerBlocked { .. } => Self::TL_ID_UPDATE_PEER_BLOCKED,
            UpdateChat { .. } => Self::TL_ID_UPDATE_CHAT,
        }
    }
}

// ---------------------------------------------------------------- Message

/// `Message`: all 3 constructors.
#[derive(TlRead)]
#[tl(boxed)]
pub enum Message<'tl> {
    #[tl(id = 0x83e5de54)]
    MessageEmpty { id: i32 },
    #[tl(id = 0x58ae39c9)]
    Message(MessageData<'tl>),
    #[tl(id = 0x286fa604)]
    MessageService(MessageServiceData<'tl>),
}

/// `message#58ae39c9`: all of its fields (api-layer122.tl line 144).
#[derive(TlRead)]
pub struct MessageData<'tl> {
    #[tl(flags)]
    pub flags: (),
    #[tl(flags_bit = 1)]
    pub out: Option<()>,
    #[tl(flags_bit = 4)]
    pub mentioned: Option<()>,
    #[tl(flags_bit = 5)]
    pub media_unread: Option<()>,
    #[tl(flags_bit = 13)]
    pub silent: Option<()>,
    #[tl(flags_bit = 14)]
    pub post: Option<()>,
    #[tl(flags_bit = 18)]
    pub from_scheduled: Option<()>,
    #[tl(flags_bit = 19)]
    pub legacy: Option<()>,
    #[tl(flags_bit = 21)]
    pub edit_hide: Option<()>,
    #[tl(flags_bit = 24)]
    pub pinned: Option<()>,
    pub id: i32,
    #[tl(flags_bit = 8)]
    pub from_id: Option<Peer>,
    pub peer_id: Peer,
    #[tl(flags_bit = 2)]
    pub fwd_from: Option<MessageFwdHeader<'tl>>,
    #[tl(flags_bit = 11)]
    pub via_bot_id: Option<i32>,
    #[tl(flags_bit = 3)]
    pub reply_to: Option<MessageReplyHeader>,
    pub date: i32,
    pub message: Str<'tl>,
    /// Partially modelled: see [`MessageMedia`].
    #[tl(flags_bit = 9)]
    pub media: Option<MessageMedia<'tl>>,
    #[tl(flags_bit = 6)]
    pub reply_markup: Option<ReplyMarkup<'tl>>,
    #[tl(flags_bit = 7)]
    pub entities: Option<Vector<MessageEntity<'tl>>>,
    #[tl(flags_bit = 10)]
    pub views: Option<i32>,
    #[tl(flags_bit = 10)]
    pub forwards: Option<i32>,
    #[tl(flags_bit = 23)]
    pub replies: Option<MessageReplies>,
    #[tl(flags_bit = 15)]
    pub edit_date: Option<i32>,
    #[tl(flags_bit = 16)]
    pub post_author: Option<Str<'tl>>,
    #[tl(flags_bit = 17)]
    pub grouped_id: Option<i64>,
    #[tl(flags_bit = 22)]
    pub restriction_reason: Option<Vector<RestrictionReason<'tl>>>,
}

/// `messageService#286fa604`: all of its fields; `action` partially (see
/// [`MessageAction`]).
#[derive(TlRead)]
pub struct MessageServiceData<'tl> {
    #[tl(flags)]
    pub flags: (),
    #[tl(flags_bit = 1)]
    pub out: Option<()>,
    #[tl(flags_bit = 4)]
    pub mentioned: Option<()>,
    #[tl(flags_bit = 5)]
    pub media_unread: Option<()>,
    #[tl(flags_bit = 13)]
    pub silent: Option<()>,
    #[tl(flags_bit = 14)]
    pub post: Option<()>,
    #[tl(flags_bit = 19)]
    pub legacy: Option<()>,
    pub id: i32,
    #[tl(flags_bit = 8)]
    pub from_id: Option<Peer>,
    pub peer_id: Peer,
    #[tl(flags_bit = 3)]
    pub reply_to: Option<MessageReplyHeader>,
    pub date: i32,
    pub action: MessageAction<'tl>,
}

/// `MessageAction`: 21 of 26 constructors; not declared:
/// `messageActionChatEditPhoto` (a `Photo`), `messageActionPaymentSentMe`,
/// `messageActionPhoneCall`, `messageActionSecureValuesSentMe` and
/// `messageActionSecureValuesSent`.
#[derive(TlRead)]
#[tl(boxed)]
pub enum MessageAction<'tl> {
    #[tl(id = 0xb6aef7b0)]
    Empty,
    #[tl(id = 0xa6638b9a)]
    ChatCreate { title: Str<'tl>, users: Vector<i32> },
    #[tl(id = 0xb5a1ce5a)]
    ChatEditTitle { title: Str<'tl> },
    #[tl(id = 0x95e3fbef)]
    ChatDeletePhoto,
    #[tl(id = 0x488a7337)]
    ChatAddUser { users: Vector<i32> },
    #[tl(id = 0xb2ae9b0c)]
    ChatDeleteUser { user_id: i32 },
    #[tl(id = 0xf89cf5e8)]
    ChatJoinedByLink { inviter_id: i32 },
    #[tl(id = 0x95d2ac92)]
    ChannelCreate { title: Str<'tl> },
    #[tl(id = 0x51bdb021)]
    ChatMigrateTo { channel_id: i32 },
    #[tl(id = 0xb055eaee)]
    ChannelMigrateFrom { title: Str<'tl>, chat_id: i32 },
    #[tl(id = 0x94bd38ed)]
    PinMessage,
    #[tl(id = 0x9fbab604)]
    HistoryClear,
    #[tl(id = 0x92a72876)]
    GameScore { game_id: i64, score: i32 },
    #[tl(id = 0x40699cd0)]
    PaymentSent {
        currency: Str<'tl>,
        total_amount: i64,
    },
    #[tl(id = 0x4792929b)]
    ScreenshotTaken,
    #[tl(id = 0xfae69f56)]
    CustomAction { message: Str<'tl> },
    #[tl(id = 0xabe9affe)]
    BotAllowed { domain: Str<'tl> },
    #[tl(id = 0xf3f25f76)]
    ContactSignUp,
    #[tl(id = 0x98e0d697)]
    GeoProximityReached {
        from_id: Peer,
        to_id: Peer,
        distance: i32,
    },
    #[tl(id = 0x7a0d7f42)]
    GroupCall {
        #[tl(flags)]
        flags: (),
        call: InputGroupCall,
        #[tl(flags_bit = 0)]
        duration: Option<i32>,
    },
    #[tl(id = 0x76b9f11a)]
    InviteToGroupCall {
        call: InputGroupCall,
        users: Vector<i32>,
    },
}

/// `inputGroupCall#d8aa840f` (the only constructor of `InputGroupCall`).
#[derive(TlRead)]
#[tl(boxed, id = 0xd8aa840f)]
pub struct InputGroupCall {
    pub id: i64,
    pub access_hash: i64,
}

/// `Peer`: all 3 constructors.
#[derive(TlRead, Clone, Copy)]
#[tl(boxed)]
pub enum Peer {
    #[tl(id = 0x9db1bc6d)]
    PeerUser { user_id: i32 },
    #[tl(id = 0xbad0e5bb)]
    PeerChat { chat_id: i32 },
    #[tl(id = 0xbddde532)]
    PeerChannel { channel_id: i32 },
}

/// `messageFwdHeader#5f777dce`: all of its fields.
#[derive(TlRead)]
#[tl(boxed, id = 0x5f777dce)]
pub struct MessageFwdHeader<'tl> {
    #[tl(flags)]
    pub flags: (),
    #[tl(flags_bit = 0)]
    pub from_id: Option<Peer>,
    #[tl(flags_bit = 5)]
    pub from_name: Option<Str<'tl>>,
    pub date: i32,
    #[tl(flags_bit = 2)]
    pub channel_post: Option<i32>,
    #[tl(flags_bit = 3)]
    pub post_author: Option<Str<'tl>>,
    #[tl(flags_bit = 4)]
    pub saved_from_peer: Option<Peer>,
    #[tl(flags_bit = 4)]
    pub saved_from_msg_id: Option<i32>,
    #[tl(flags_bit = 6)]
    pub psa_type: Option<Str<'tl>>,
}

/// `messageReplyHeader#a6d57763`: all of its fields.
#[derive(TlRead)]
#[tl(boxed, id = 0xa6d57763)]
pub struct MessageReplyHeader {
    #[tl(flags)]
    pub flags: (),
    pub reply_to_msg_id: i32,
    #[tl(flags_bit = 0)]
    pub reply_to_peer_id: Option<Peer>,
    #[tl(flags_bit = 1)]
    pub reply_to_top_id: Option<i32>,
}

/// `messageReplies#4128faac`: all of its fields.
#[derive(TlRead)]
#[tl(boxed, id = 0x4128faac)]
pub struct MessageReplies {
    #[tl(flags)]
    pub flags: (),
    #[tl(flags_bit = 0)]
    pub comments: Option<()>,
    pub replies: i32,
    pub replies_pts: i32,
    #[tl(flags_bit = 1)]
    pub recent_repliers: Option<Vector<Peer>>,
    #[tl(flags_bit = 0)]
    pub channel_id: Option<i32>,
    #[tl(flags_bit = 2)]
    pub max_id: Option<i32>,
    #[tl(flags_bit = 3)]
    pub read_max_id: Option<i32>,
}

/// `restrictionReason#d072acb4`.
#[derive(TlRead)]
#[tl(boxed, id = 0xd072acb4)]
pub struct RestrictionReason<'tl> {
    pub platform: Str<'tl>,
    pub reason: Str<'tl>,
    pub text: Str<'tl>,
}

/// `MessageEntity`: all 19 constructors (read and written).
#[derive(TlRead, TlWrite)]
#[tl(boxed)]
pub enum MessageEntity<'tl> {
    #[tl(id = 0xbb92ba95)]
    Unknown { offset: i32, length: i32 },
    #[tl(id = 0xfa04579d)]
    Mention { offset: i32, length: i32 },
    #[tl(id = 0x6f635b0d)]
    Hashtag { offset: i32, length: i32 },
    #[tl(id = 0x6cef8ac7)]
    BotCommand { offset: i32, length: i32 },
    #[tl(id = 0x6ed02538)]
    Url { offset: i32, length: i32 },
    #[tl(id = 0x64e475c2)]
    Email { offset: i32, length: i32 },
    #[tl(id = 0xbd610bc9)]
    Bold { offset: i32, length: i32 },
    #[tl(id = 0x826f8b60)]
    Italic { offset: i32, length: i32 },
    #[tl(id = 0x28a20571)]
    Code { offset: i32, length: i32 },
    #[tl(id = 0x73924be0)]
    Pre {
        offset: i32,
        length: i32,
        language: Str<'tl>,
    },
    #[tl(id = 0x76a6d327)]
    TextUrl {
        offset: i32,
        length: i32,
        url: Str<'tl>,
    },
    #[tl(id = 0x352dca58)]
    MentionName {
        offset: i32,
        length: i32,
        user_id: i32,
    },
    #[tl(id = 0x208e68c9)]
    InputMentionName {
        offset: i32,
        length: i32,
        user_id: InputUser,
    },
    #[tl(id = 0x9b69e34b)]
    Phone { offset: i32, length: i32 },
    #[tl(id = 0x4c4e743f)]
    Cashtag { offset: i32, length: i32 },
    #[tl(id = 0x9c4e7e8b)]
    Underline { offset: i32, length: i32 },
    #[tl(id = 0xbf0693d4)]
    Strike { offset: i32, length: i32 },
    #[tl(id = 0x020df5d0)]
    Blockquote { offset: i32, length: i32 },
    #[tl(id = 0x761e6af4)]
    BankCard { offset: i32, length: i32 },
}

impl MessageEntity<'_> {
    /// `(offset, length)` of any constructor (all 19 have both).
    #[inline(always)]
    pub fn span(&self) -> (i32, i32) {
        use MessageEntity::*;
        match *self {
            Unknown { offset, length }
            | Mention { offset, length }
            | Hashtag { offset, length }
            | BotCommand { offset, length }
            | Url { offset, length }
            | Email { offset, length }
            | Bold { offset, length }
            | Italic { offset, length }
            | Code { offset, length }
            | Pre { offset, length, .. }
            | TextUrl { offset, length, .. }
            | MentionName { offset, length, .. }
            | InputMentionName { offset, length, .. }
            | Phone { offset, length }
            | Cashtag { offset, length }
            | Underline { offset, length }
            | Strike { offset, length }
            | Blockquote { offset, length }
            | BankCard { offset, length } => (offset, length),
        }
    }
}

/// `MessageMedia`: 7 of 13 constructors (see the module doc); the six
/// that are not declared are rejected with `UnknownConstructor`.
#[derive(TlRead)]
#[tl(boxed)]
pub enum MessageMedia<'tl> {
    #[tl(id = 0x3ded6320)]
    Empty,
    #[tl(id = 0x56e0d474)]
    Geo { geo: GeoPoint },
    #[tl(id = 0xcbf24940)]
    Contact {
        phone_number: Str<'tl>,
        first_name: Str<'tl>,
        last_name: Str<'tl>,
        vcard: Str<'tl>,
        user_id: i32,
    },
    #[tl(id = 0x9f84f49e)]
    Unsupported,
    #[tl(id = 0x2ec0533f)]
    Venue {
        geo: GeoPoint,
        title: Str<'tl>,
        address: Str<'tl>,
        provider: Str<'tl>,
        venue_id: Str<'tl>,
        venue_type: Str<'tl>,
    },
    #[tl(id = 0xb940c666)]
    GeoLive {
        #[tl(flags)]
        flags: (),
        geo: GeoPoint,
        #[tl(flags_bit = 0)]
        heading: Option<i32>,
        period: i32,
        #[tl(flags_bit = 1)]
        proximity_notification_radius: Option<i32>,
    },
    #[tl(id = 0x3f7ee58b)]
    Dice { value: i32, emoticon: Str<'tl> },
}

impl MessageMedia<'_> {
    /// The constructor id.
    pub fn id(&self) -> u32 {
        match self {
            MessageMedia::Empty => Self::TL_ID_EMPTY,
            MessageMedia::Geo { .. } => Self::TL_ID_GEO,
            MessageMedia::Contact { .. } => Self::TL_ID_CONTACT,
            MessageMedia::Unsupported => Self::TL_ID_UNSUPPORTED,
            MessageMedia::Venue { .. } => Self::TL_ID_VENUE,
            MessageMedia::GeoLive { .. } => Self::TL_ID_GEO_LIVE,
            MessageMedia::Dice { .. } => Self::TL_ID_DICE,
        }
    }
}

/// `GeoPoint`: both constructors.
#[derive(TlRead)]
#[tl(boxed)]
pub enum GeoPoint {
    #[tl(id = 0x1117dd5f)]
    Empty,
    #[tl(id = 0xb2a2f663)]
    GeoPoint {
        #[tl(flags)]
        flags: (),
        long: f64,
        lat: f64,
        access_hash: i64,
        #[tl(flags_bit = 0)]
        accuracy_radius: Option<i32>,
    },
}

/// `ReplyMarkup`: all 4 constructors (read and written).
#[derive(TlRead, TlWrite)]
#[tl(boxed)]
pub enum ReplyMarkup<'tl> {
    #[tl(id = 0xa03e5b85)]
    Hide {
        #[tl(flags)]
        flags: (),
        #[tl(flags_bit = 2)]
        selective: Option<()>,
    },
    #[tl(id = 0xf4108aa0)]
    ForceReply {
        #[tl(flags)]
        flags: (),
        #[tl(flags_bit = 1)]
        single_use: Option<()>,
        #[tl(flags_bit = 2)]
        selective: Option<()>,
    },
    #[tl(id = 0x3502758c)]
    Markup {
        #[tl(flags)]
        flags: (),
        #[tl(flags_bit = 0)]
        resize: Option<()>,
        #[tl(flags_bit = 1)]
        single_use: Option<()>,
        #[tl(flags_bit = 2)]
        selective: Option<()>,
        rows: Vector<KeyboardButtonRow<'tl>>,
    },
    #[tl(id = 0x48a30254)]
    Inline {
        rows: Vector<KeyboardButtonRow<'tl>>,
    },
}

/// `keyboardButtonRow#77608b83`.
#[derive(TlRead, TlWrite)]
#[tl(boxed, id = 0x77608b83)]
pub struct KeyboardButtonRow<'tl> {
    pub buttons: Vector<KeyboardButton<'tl>>,
}

/// `KeyboardButton`: all 11 constructors.
#[derive(TlRead, TlWrite)]
#[tl(boxed)]
pub enum KeyboardButton<'tl> {
    #[tl(id = 0xa2fa4880)]
    Button { text: Str<'tl> },
    #[tl(id = 0x258aff05)]
    Url { text: Str<'tl>, url: Str<'tl> },
    #[tl(id = 0x35bbdb6b)]
    Callback {
        #[tl(flags)]
        flags: (),
        #[tl(flags_bit = 0)]
        requires_password: Option<()>,
        text: Str<'tl>,
        data: Str<'tl>,
    },
    #[tl(id = 0xb16a6c29)]
    RequestPhone { text: Str<'tl> },
    #[tl(id = 0xfc796b3f)]
    RequestGeoLocation { text: Str<'tl> },
    #[tl(id = 0x0568a748)]
    SwitchInline {
        #[tl(flags)]
        flags: (),
        #[tl(flags_bit = 0)]
        same_peer: Option<()>,
        text: Str<'tl>,
        query: Str<'tl>,
    },
    #[tl(id = 0x50f41ccf)]
    Game { text: Str<'tl> },
    #[tl(id = 0xafd93fbb)]
    Buy { text: Str<'tl> },
    #[tl(id = 0x10b78d29)]
    UrlAuth {
        #[tl(flags)]
        flags: (),
        text: Str<'tl>,
        #[tl(flags_bit = 0)]
        fwd_text: Option<Str<'tl>>,
        url: Str<'tl>,
        button_id: i32,
    },
    #[tl(id = 0xd02e7fd4)]
    InputUrlAuth {
        #[tl(flags)]
        flags: (),
        #[tl(flags_bit = 0)]
        request_write_access: Option<()>,
        text: Str<'tl>,
        #[tl(flags_bit = 1)]
        fwd_text: Option<Str<'tl>>,
        url: Str<'tl>,
        bot: InputUser,
    },
    #[tl(id = 0xbbc7515d)]
    RequestPoll {
        #[tl(flags)]
        flags: (),
        #[tl(flags_bit = 0)]
        quiz: Option<bool>,
        text: Str<'tl>,
    },
}

// ---------------------------------------------------------------- User

/// `User`: both constructors.
#[derive(TlRead)]
#[tl(boxed)]
pub enum User<'tl> {
    #[tl(id = 0x200250ba)]
    UserEmpty { id: i32 },
    #[tl(id = 0x938458c1)]
    User(UserData<'tl>),
}

/// `user#938458c1`: all of its fields.
#[derive(TlRead)]
pub struct UserData<'tl> {
    #[tl(flags)]
    pub flags: (),
    #[tl(flags_bit = 10)]
    pub is_self: Option<()>,
    #[tl(flags_bit = 11)]
    pub contact: Option<()>,
    #[tl(flags_bit = 12)]
    pub mutual_contact: Option<()>,
    #[tl(flags_bit = 13)]
    pub deleted: Option<()>,
    #[tl(flags_bit = 14)]
    pub bot: Option<()>,
    #[tl(flags_bit = 15)]
    pub bot_chat_history: Option<()>,
    #[tl(flags_bit = 16)]
    pub bot_nochats: Option<()>,
    #[tl(flags_bit = 17)]
    pub verified: Option<()>,
    #[tl(flags_bit = 18)]
    pub restricted: Option<()>,
    #[tl(flags_bit = 20)]
    pub min: Option<()>,
    #[tl(flags_bit = 21)]
    pub bot_inline_geo: Option<()>,
    #[tl(flags_bit = 23)]
    pub support: Option<()>,
    #[tl(flags_bit = 24)]
    pub scam: Option<()>,
    #[tl(flags_bit = 25)]
    pub apply_min_photo: Option<()>,
    pub id: i32,
    #[tl(flags_bit = 0)]
    pub access_hash: Option<i64>,
    #[tl(flags_bit = 1)]
    pub first_name: Option<Str<'tl>>,
    #[tl(flags_bit = 2)]
    pub last_name: Option<Str<'tl>>,
    #[tl(flags_bit = 3)]
    pub username: Option<Str<'tl>>,
    #[tl(flags_bit = 4)]
    pub phone: Option<Str<'tl>>,
    #[tl(flags_bit = 5)]
    pub photo: Option<UserProfilePhoto>,
    #[tl(flags_bit = 6)]
    pub status: Option<UserStatus>,
    #[tl(flags_bit = 14)]
    pub bot_info_version: Option<i32>,
    #[tl(flags_bit = 18)]
    pub restriction_reason: Option<Vector<RestrictionReason<'tl>>>,
    #[tl(flags_bit = 19)]
    pub bot_inline_placeholder: Option<Str<'tl>>,
    #[tl(flags_bit = 22)]
    pub lang_code: Option<Str<'tl>>,
}

/// `UserProfilePhoto`: both constructors.
#[derive(TlRead)]
#[tl(boxed)]
pub enum UserProfilePhoto {
    #[tl(id = 0x4f11bae1)]
    Empty,
    #[tl(id = 0x69d3ab26)]
    Photo {
        #[tl(flags)]
        flags: (),
        #[tl(flags_bit = 0)]
        has_video: Option<()>,
        photo_id: i64,
        photo_small: FileLocation,
        photo_big: FileLocation,
        dc_id: i32,
    },
}

/// `fileLocationToBeDeprecated#bc7fc6cd` (the only `FileLocation`).
#[derive(TlRead)]
#[tl(boxed, id = 0xbc7fc6cd)]
pub struct FileLocation {
    pub volume_id: i64,
    pub local_id: i32,
}

/// `UserStatus`: all 6 constructors.
#[derive(TlRead)]
#[tl(boxed)]
pub enum UserStatus {
    #[tl(id = 0x09d05049)]
    Empty,
    #[tl(id = 0xedb93949)]
    Online { expires: i32 },
    #[tl(id = 0x008c703f)]
    Offline { was_online: i32 },
    #[tl(id = 0xe26f42f1)]
    Recently,
    #[tl(id = 0x07bf09fc)]
    LastWeek,
    #[tl(id = 0x77ebc742)]
    LastMonth,
}

// ---------------------------------------------------------------- Chat

/// `Chat`: all 5 constructors.
#[derive(TlRead)]
#[tl(boxed)]
pub enum Chat<'tl> {
    #[tl(id = 0x9ba2d800)]
    ChatEmpty { id: i32 },
    #[tl(id = 0x3bda1bde)]
    Chat(ChatData<'tl>),
    #[tl(id = 0x07328bdb)]
    ChatForbidden { id: i32, title: Str<'tl> },
    #[tl(id = 0xd31a961e)]
    Channel(ChannelData<'tl>),
    #[tl(id = 0x289da732)]
    ChannelForbidden {
        #[tl(flags)]
        flags: (),
        #[tl(flags_bit = 5)]
        broadcast: Option<()>,
        #[tl(flags_bit = 8)]
        megagroup: Option<()>,
        id: i32,
        access_hash: i64,
        title: Str<'tl>,
        #[tl(flags_bit = 16)]
        until_date: Option<i32>,
    },
}

impl<'tl> Chat<'tl> {
    /// The chat's id, whichever the constructor.
    #[inline(always)]
    pub fn id(&self) -> i32 {
        match self {
            Chat::ChatEmpty { id } | Chat::ChatForbidden { id, .. } => *id,
            Chat::ChannelForbidden { id, .. } => *id,
            Chat::Chat(c) => c.id,
            Chat::Channel(c) => c.id,
        }
    }

    /// Its title (`chatEmpty` has none).
    #[inline(always)]
    pub fn title(&self) -> Option<Str<'tl>> {
        match self {
            Chat::ChatEmpty { .. } => None,
            Chat::ChatForbidden { title, .. } | Chat::ChannelForbidden { title, .. } => Some(title),
            Chat::Chat(c) => Some(c.title),
            Chat::Channel(c) => Some(c.title),
        }
    }
}

/// `chat#3bda1bde`: all of its fields.
#[derive(TlRead)]
pub struct ChatData<'tl> {
    #[tl(flags)]
    pub flags: (),
    #[tl(flags_bit = 0)]
    pub creator: Option<()>,
    #[tl(flags_bit = 1)]
    pub kicked: Option<()>,
    #[tl(flags_bit = 2)]
    pub left: Option<()>,
    #[tl(flags_bit = 5)]
    pub deactivated: Option<()>,
    #[tl(flags_bit = 23)]
    pub call_active: Option<()>,
    #[tl(flags_bit = 24)]
    pub call_not_empty: Option<()>,
    pub id: i32,
    pub title: Str<'tl>,
    pub photo: ChatPhoto,
    pub participants_count: i32,
    pub date: i32,
    pub version: i32,
    #[tl(flags_bit = 6)]
    pub migrated_to: Option<InputChannel>,
    #[tl(flags_bit = 14)]
    pub admin_rights: Option<ChatAdminRights>,
    #[tl(flags_bit = 18)]
    pub default_banned_rights: Option<ChatBannedRights>,
}

/// `channel#d31a961e`: all of its fields.
#[derive(TlRead)]
pub struct ChannelData<'tl> {
    #[tl(flags)]
    pub flags: (),
    #[tl(flags_bit = 0)]
    pub creator: Option<()>,
    #[tl(flags_bit = 2)]
    pub left: Option<()>,
    #[tl(flags_bit = 5)]
    pub broadcast: Option<()>,
    #[tl(flags_bit = 7)]
    pub verified: Option<()>,
    #[tl(flags_bit = 8)]
    pub megagroup: Option<()>,
    #[tl(flags_bit = 9)]
    pub restricted: Option<()>,
    #[tl(flags_bit = 11)]
    pub signatures: Option<()>,
    #[tl(flags_bit = 12)]
    pub min: Option<()>,
    #[tl(flags_bit = 19)]
    pub scam: Option<()>,
    #[tl(flags_bit = 20)]
    pub has_link: Option<()>,
    #[tl(flags_bit = 21)]
    pub has_geo: Option<()>,
    #[tl(flags_bit = 22)]
    pub slowmode_enabled: Option<()>,
    #[tl(flags_bit = 23)]
    pub call_active: Option<()>,
    #[tl(flags_bit = 24)]
    pub call_not_empty: Option<()>,
    pub id: i32,
    #[tl(flags_bit = 13)]
    pub access_hash: Option<i64>,
    pub title: Str<'tl>,
    #[tl(flags_bit = 6)]
    pub username: Option<Str<'tl>>,
    pub photo: ChatPhoto,
    pub date: i32,
    pub version: i32,
    #[tl(flags_bit = 9)]
    pub restriction_reason: Option<Vector<RestrictionReason<'tl>>>,
    #[tl(flags_bit = 14)]
    pub admin_rights: Option<ChatAdminRights>,
    #[tl(flags_bit = 15)]
    pub banned_rights: Option<ChatBannedRights>,
    #[tl(flags_bit = 18)]
    pub default_banned_rights: Option<ChatBannedRights>,
    #[tl(flags_bit = 17)]
    pub participants_count: Option<i32>,
}

/// `ChatPhoto`: both constructors.
#[derive(TlRead)]
#[tl(boxed)]
pub enum ChatPhoto {
    #[tl(id = 0x37c1011c)]
    Empty,
    #[tl(id = 0xd20b9f3c)]
    Photo {
        #[tl(flags)]
        flags: (),
        #[tl(flags_bit = 0)]
        has_video: Option<()>,
        photo_small: FileLocation,
        photo_big: FileLocation,
        dc_id: i32,
    },
}

/// `chatAdminRights#5fb224d5`: only flags (`true` bits) follow; tl-proto
/// reads the flags word and keeps nothing, which is all `true` fields are.
#[derive(TlRead)]
#[tl(boxed, id = 0x5fb224d5)]
pub struct ChatAdminRights {
    #[tl(flags)]
    pub flags: (),
}

/// `chatBannedRights#9f120418`: `true` bits, then `until_date`.
#[derive(TlRead)]
#[tl(boxed, id = 0x9f120418)]
pub struct ChatBannedRights {
    #[tl(flags)]
    pub flags: (),
    pub until_date: i32,
}

/// `InputChannel`: all 3 constructors.
#[derive(TlRead)]
#[tl(boxed)]
pub enum InputChannel {
    #[tl(id = 0xee8c1e86)]
    Empty,
    #[tl(id = 0xafeb712e)]
    InputChannel { channel_id: i32, access_hash: i64 },
    #[tl(id = 0x2a286531)]
    FromMessage {
        peer: InputPeer,
        msg_id: i32,
        channel_id: i32,
    },
}

// ---------------------------------------------------------------- inputs

/// `InputUser`: all 4 constructors (read and written).
#[derive(TlRead, TlWrite, Clone, PartialEq, Eq, Debug)]
#[tl(boxed)]
pub enum InputUser {
    #[tl(id = 0xb98886cf)]
    InputUserEmpty,
    #[tl(id = 0xf7c1b13f)]
    InputUserSelf,
    #[tl(id = 0xd8292816)]
    InputUser { user_id: i32, access_hash: i64 },
    #[tl(id = 0x2d117597)]
    InputUserFromMessage {
        peer: InputPeer,
        msg_id: i32,
        user_id: i32,
    },
}

/// `InputPeer`: all 7 constructors (read and written). The two `FromMessage`
/// constructors nest an `InputPeer`, hence the `Box`.
#[derive(TlRead, TlWrite, Clone, PartialEq, Eq, Debug)]
#[tl(boxed)]
pub enum InputPeer {
    #[tl(id = 0x7f3b18ea)]
    InputPeerEmpty,
    #[tl(id = 0x7da07ec9)]
    InputPeerSelf,
    #[tl(id = 0x179be863)]
    InputPeerChat { chat_id: i32 },
    #[tl(id = 0x7b8e7de6)]
    InputPeerUser { user_id: i32, access_hash: i64 },
    #[tl(id = 0x20adaef8)]
    InputPeerChannel { channel_id: i32, access_hash: i64 },
    #[tl(id = 0x17bae2e6)]
    InputPeerUserFromMessage {
        peer: Box<InputPeer>,
        msg_id: i32,
        user_id: i32,
    },
    #[tl(id = 0x9c95f7bb)]
    InputPeerChannelFromMessage {
        peer: Box<InputPeer>,
        msg_id: i32,
        channel_id: i32,
    },
}

/// `contacts.acceptContact#f831a20f id:InputUser = Updates`.
#[derive(TlRead, TlWrite, Clone, PartialEq, Eq, Debug)]
#[tl(boxed, id = 0xf831a20f)]
pub struct AcceptContact {
    pub id: InputUser,
}

/// `messages.sendMessage#520c3870 flags:# no_webpage:flags.1?true
/// silent:flags.5?true background:flags.6?true clear_draft:flags.7?true
/// peer:InputPeer reply_to_msg_id:flags.0?int message:string random_id:long
/// reply_markup:flags.2?ReplyMarkup entities:flags.3?Vector<MessageEntity>
/// schedule_date:flags.10?int = Updates`: all of its fields, `reply_markup`
/// included (the bench's request leaves it unset). tl-proto computes the
/// flags word from the `Option`s when it writes.
#[derive(TlRead, TlWrite)]
#[tl(boxed, id = 0x520c3870)]
pub struct SendMessage<'tl> {
    #[tl(flags)]
    pub flags: (),
    #[tl(flags_bit = 1)]
    pub no_webpage: Option<()>,
    #[tl(flags_bit = 5)]
    pub silent: Option<()>,
    #[tl(flags_bit = 6)]
    pub background: Option<()>,
    #[tl(flags_bit = 7)]
    pub clear_draft: Option<()>,
    pub peer: InputPeer,
    #[tl(flags_bit = 0)]
    pub reply_to_msg_id: Option<i32>,
    pub message: Str<'tl>,
    pub random_id: i64,
    #[tl(flags_bit = 2)]
    pub reply_markup: Option<ReplyMarkup<'tl>>,
    #[tl(flags_bit = 3)]
    pub entities: Option<Vector<MessageEntity<'tl>>>,
    #[tl(flags_bit = 10)]
    pub schedule_date: Option<i32>,
}
