// The tables as the hot path's SQL sees them, derived from the Prisma-generated model types: a column
// renamed or retyped in prisma/schema.prisma fails the type check of every statement that uses it.
// Values are typed as either driver returns them (SQLite: booleans 0/1, times as text; PostgreSQL:
// booleans, Dates); the row converters (message-rows.ts) turn them into the contracts' types.
import type {
  BlockModel,
  ConversationMemberModel,
  ConversationModel,
  MessageFlagModel,
  MessageMentionModel,
  MessageModel,
  UserModel,
} from "../../generated/prisma/sqlite/models";

/** A column as read through the Driver from either database. */
type Stored<T> = T extends Date ? string | Date : T extends boolean ? boolean | number : T;
type Table<Model> = { [Column in keyof Model]: Stored<Model[Column]> };

export interface DB {
  Block: Table<BlockModel>;
  Conversation: Table<ConversationModel>;
  ConversationMember: Table<ConversationMemberModel>;
  Message: Table<MessageModel>;
  MessageFlag: Table<MessageFlagModel>;
  MessageMention: Table<MessageMentionModel>;
  User: Table<UserModel>;
}
