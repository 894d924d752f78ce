// SMTP through nodemailer: the local mail catcher, or any SMTP server (STARTTLS when offered,
// implicit TLS with SMTP_SECURE=true, AUTH when SMTP_USER is set).
// @ts-types="@types/nodemailer"
import nodemailer from "nodemailer";
import type { EmailMessage, EmailTransport } from "./transport.ts";

export interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
}

export class SmtpTransport implements EmailTransport {
  readonly name = "smtp";
  private readonly transporter: nodemailer.Transporter;

  constructor(private readonly options: SmtpOptions) {
    this.transporter = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: options.secure,
      auth: options.user ? { user: options.user, pass: options.pass ?? "" } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(message: EmailMessage): Promise<void> {
    const info = await this.transporter.sendMail({
      from: this.options.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
    });
    if (info.rejected.length > 0) throw new Error(`The SMTP server rejected ${message.to}.`);
  }
}
