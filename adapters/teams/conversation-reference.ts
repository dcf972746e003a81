// Conversation references are stored by the core as opaque JSON and come back from the database: they are
// validated here before botbuilder uses them to decide where (and with which token) to send.

import { z } from 'zod';

const AccountSchema = z
  .object({ id: z.string().min(1).max(512), name: z.string().max(512).optional(), aadObjectId: z.string().max(128).optional() })
  .passthrough();

export const StoredReferenceSchema = z
  .object({
    channelId: z.string().min(1).max(64),
    serviceUrl: z
      .string()
      .url()
      .max(2048)
      .refine((u) => /^https?:\/\//i.test(u), 'serviceUrl must be http(s)'),
    conversation: z
      .object({
        id: z.string().min(1).max(1024),
        conversationType: z.string().max(64).optional(),
        tenantId: z.string().max(128).optional(),
        name: z.string().max(512).optional(),
        isGroup: z.boolean().optional(),
      })
      .passthrough(),
    bot: AccountSchema.optional(),
    user: AccountSchema.optional(),
    locale: z.string().max(32).optional(),
  })
  .passthrough();

export type StoredReference = z.infer<typeof StoredReferenceSchema>;

/** Channel messages carry `<channel id>;messageid=<root id>` while inside a thread; the channel is the part before. */
export function baseConversationId(conversationId: string): string {
  const at = conversationId.indexOf(';messageid=');
  return at === -1 ? conversationId : conversationId.slice(0, at);
}

/** The root message of the thread a channel activity belongs to, if any. */
export function threadRootId(conversationId: string): string | null {
  const match = /;messageid=([^;]+)/.exec(conversationId);
  return match ? match[1]! : null;
}

/** Teams threads replies under a channel post when the conversation id names the root message. */
export function threadConversationId(conversationId: string, rootActivityId: string): string {
  return `${baseConversationId(conversationId)};messageid=${rootActivityId}`;
}

export function isChannelConversation(reference: StoredReference): boolean {
  return reference.conversation.conversationType === 'channel';
}
