/**
 * Limits on what a request to /trpc may make the server read, checked before tRPC parses
 * anything: a body over `maxBytes` is refused from its Content-Length, or as soon as that
 * many bytes have arrived, without reading the rest; JSON nested deeper than `maxDepth`
 * is refused by a scan that does not build it; a batch of more than `maxBatch` calls is
 * refused whole. Each answers 413 with a message a person can act on, in tRPC's error shape.
 *
 * The largest valid input is a card description or a learner's notes, about 20 KB of text;
 * 256 KB leaves room for that in any script. A Trello import will have a route and a limit
 * of its own rather than raising this one.
 */
import type { NextFunction, Request, Response } from 'express';

export interface RequestLimits {
  maxBytes: number;
  maxBatch: number;
  maxDepth: number;
}

export const TRPC_LIMITS: RequestLimits = { maxBytes: 256 * 1024, maxBatch: 25, maxDepth: 32 };

function tooLarge(res: Response, message: string) {
  // The rest of an oversized body is not read: the connection closes after the answer.
  res.set('Connection', 'close');
  res.status(413).json({ error: { message, code: -32013, data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 } } });
}

/** The deepest nesting of arrays and objects in JSON text, without parsing it; stops counting past `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

function batchSize(req: Request): number {
  return req.query.batch === '1' ? req.path.replace(/^\//, '').split(',').length : 1;
}

export function requestLimits(limits: RequestLimits = TRPC_LIMITS) {
  const kb = Math.round(limits.maxBytes / 1024);
  return (req: Request, res: Response, next: NextFunction) => {
    if (batchSize(req) > limits.maxBatch) {
      tooLarge(res, `Too many calls in one request: at most ${limits.maxBatch}. Send them in several requests.`);
      return;
    }
    if (req.method === 'GET') {
      const input = typeof req.query.input === 'string' ? req.query.input : '';
      if (jsonDepth(input, limits.maxDepth) > limits.maxDepth) {
        tooLarge(res, `The request is nested too deeply: at most ${limits.maxDepth} levels.`);
        return;
      }
      next();
      return;
    }
    if (req.method !== 'POST') {
      next();
      return;
    }
    const declared = Number(req.get('content-length') ?? 0);
    if (declared > limits.maxBytes) {
      tooLarge(res, `The request is too large: at most ${kb} KB.`);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limits.maxBytes) {
        refused = true;
        req.pause();
        tooLarge(res, `The request is too large: at most ${kb} KB.`);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (jsonDepth(text, limits.maxDepth) > limits.maxDepth) {
        tooLarge(res, `The request is nested too deeply: at most ${limits.maxDepth} levels.`);
        return;
      }
      // tRPC reads a string body as the request's text (and does not read the stream again).
      req.body = text;
      next();
    });
    req.on('error', next);
  };
}
