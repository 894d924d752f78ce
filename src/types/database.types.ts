export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      ai_drafts: {
        Row: {
          body: string
          conversation_id: string
          created_at: string
          created_by: string | null
          id: string
          model: string | null
          org_id: string
          status: string
          updated_at: string
        }
        Insert: {
          body: string
          conversation_id: string
          created_at?: string
          created_by?: string | null
          id?: string
          model?: string | null
          org_id: string
          status?: string
          updated_at?: string
        }
        Update: {
          body?: string
          conversation_id?: string
          created_at?: string
          created_by?: string | null
          id?: string
          model?: string | null
          org_id?: string
          status?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "ai_drafts_conversation_fkey"
            columns: ["org_id", "conversation_id"]
            isOneToOne: false
            referencedRelation: "conversations"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      conversations: {
        Row: {
          assigned_to: string | null
          channel: string
          created_at: string
          created_by: string | null
          customer_id: string
          id: string
          org_id: string
          status: string
          subject: string | null
          updated_at: string
        }
        Insert: {
          assigned_to?: string | null
          channel?: string
          created_at?: string
          created_by?: string | null
          customer_id: string
          id?: string
          org_id: string
          status?: string
          subject?: string | null
          updated_at?: string
        }
        Update: {
          assigned_to?: string | null
          channel?: string
          created_at?: string
          created_by?: string | null
          customer_id?: string
          id?: string
          org_id?: string
          status?: string
          subject?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "conversations_customer_fkey"
            columns: ["org_id", "customer_id"]
            isOneToOne: false
            referencedRelation: "customers"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      customers: {
        Row: {
          created_at: string
          created_by: string | null
          email: string | null
          id: string
          name: string
          notes: string | null
          org_id: string
          phone: string | null
          updated_at: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          email?: string | null
          id?: string
          name: string
          notes?: string | null
          org_id: string
          phone?: string | null
          updated_at?: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          email?: string | null
          id?: string
          name?: string
          notes?: string | null
          org_id?: string
          phone?: string | null
          updated_at?: string
        }
        Relationships: []
      }
      messages: {
        Row: {
          author_kind: string
          body: string
          conversation_id: string
          created_at: string
          created_by: string | null
          direction: string
          id: string
          org_id: string
        }
        Insert: {
          author_kind: string
          body: string
          conversation_id: string
          created_at?: string
          created_by?: string | null
          direction: string
          id?: string
          org_id: string
        }
        Update: {
          author_kind?: string
          body?: string
          conversation_id?: string
          created_at?: string
          created_by?: string | null
          direction?: string
          id?: string
          org_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "messages_conversation_fkey"
            columns: ["org_id", "conversation_id"]
            isOneToOne: false
            referencedRelation: "conversations"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      close_conversation: {
        Args: { p_conversation_id: string; p_reason?: string }
        Returns: {
          assigned_to: string | null
          channel: string
          created_at: string
          created_by: string | null
          customer_id: string
          id: string
          org_id: string
          status: string
          subject: string | null
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "conversations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
  roster: {
    Tables: {
      audit_events: {
        Row: {
          action: string
          actor_email: string | null
          actor_id: string | null
          actor_kind: Database["roster"]["Enums"]["actor_kind"]
          actor_name: string | null
          after: Json | null
          before: Json | null
          hash: string
          id: number
          ip: unknown
          occurred_at: string
          org_id: string
          prev_hash: string | null
          reason: string | null
          target_email: string | null
          target_invitation_id: string | null
          target_name: string | null
          target_user_id: string | null
          user_agent: string | null
        }
        Insert: {
          action: string
          actor_email?: string | null
          actor_id?: string | null
          actor_kind: Database["roster"]["Enums"]["actor_kind"]
          actor_name?: string | null
          after?: Json | null
          before?: Json | null
          hash: string
          id?: never
          ip?: unknown
          occurred_at?: string
          org_id: string
          prev_hash?: string | null
          reason?: string | null
          target_email?: string | null
          target_invitation_id?: string | null
          target_name?: string | null
          target_user_id?: string | null
          user_agent?: string | null
        }
        Update: {
          action?: string
          actor_email?: string | null
          actor_id?: string | null
          actor_kind?: Database["roster"]["Enums"]["actor_kind"]
          actor_name?: string | null
          after?: Json | null
          before?: Json | null
          hash?: string
          id?: never
          ip?: unknown
          occurred_at?: string
          org_id?: string
          prev_hash?: string | null
          reason?: string | null
          target_email?: string | null
          target_invitation_id?: string | null
          target_name?: string | null
          target_user_id?: string | null
          user_agent?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "audit_events_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      invitations: {
        Row: {
          accepted_at: string | null
          accepted_by: string | null
          created_at: string
          declined_at: string | null
          delivery_error: string | null
          delivery_status: string
          email: string
          expires_at: string
          id: string
          invited_by: string | null
          last_sent_at: string | null
          message: string | null
          org_id: string
          revoked_at: string | null
          revoked_by: string | null
          role: Database["roster"]["Enums"]["org_role"]
          send_count: number
          status: Database["roster"]["Enums"]["invitation_status"]
          token_hash: string
        }
        Insert: {
          accepted_at?: string | null
          accepted_by?: string | null
          created_at?: string
          declined_at?: string | null
          delivery_error?: string | null
          delivery_status?: string
          email: string
          expires_at: string
          id?: string
          invited_by?: string | null
          last_sent_at?: string | null
          message?: string | null
          org_id: string
          revoked_at?: string | null
          revoked_by?: string | null
          role: Database["roster"]["Enums"]["org_role"]
          send_count?: number
          status?: Database["roster"]["Enums"]["invitation_status"]
          token_hash: string
        }
        Update: {
          accepted_at?: string | null
          accepted_by?: string | null
          created_at?: string
          declined_at?: string | null
          delivery_error?: string | null
          delivery_status?: string
          email?: string
          expires_at?: string
          id?: string
          invited_by?: string | null
          last_sent_at?: string | null
          message?: string | null
          org_id?: string
          revoked_at?: string | null
          revoked_by?: string | null
          role?: Database["roster"]["Enums"]["org_role"]
          send_count?: number
          status?: Database["roster"]["Enums"]["invitation_status"]
          token_hash?: string
        }
        Relationships: [
          {
            foreignKeyName: "invitations_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      memberships: {
        Row: {
          deleted_user_email: string | null
          deleted_user_id: string | null
          deleted_user_name: string | null
          display_name: string | null
          email: string | null
          id: string
          invited_by: string | null
          joined_at: string
          last_active_at: string | null
          org_id: string
          removed_at: string | null
          removed_by: string | null
          removed_reason: string | null
          role: Database["roster"]["Enums"]["org_role"]
          search_text: string | null
          sort_name: string | null
          status: Database["roster"]["Enums"]["membership_status"]
          suspended_at: string | null
          suspended_by: string | null
          suspended_reason: string | null
          updated_at: string
          user_id: string | null
        }
        Insert: {
          deleted_user_email?: string | null
          deleted_user_id?: string | null
          deleted_user_name?: string | null
          display_name?: string | null
          email?: string | null
          id?: string
          invited_by?: string | null
          joined_at?: string
          last_active_at?: string | null
          org_id: string
          removed_at?: string | null
          removed_by?: string | null
          removed_reason?: string | null
          role: Database["roster"]["Enums"]["org_role"]
          search_text?: string | null
          sort_name?: string | null
          status?: Database["roster"]["Enums"]["membership_status"]
          suspended_at?: string | null
          suspended_by?: string | null
          suspended_reason?: string | null
          updated_at?: string
          user_id?: string | null
        }
        Update: {
          deleted_user_email?: string | null
          deleted_user_id?: string | null
          deleted_user_name?: string | null
          display_name?: string | null
          email?: string | null
          id?: string
          invited_by?: string | null
          joined_at?: string
          last_active_at?: string | null
          org_id?: string
          removed_at?: string | null
          removed_by?: string | null
          removed_reason?: string | null
          role?: Database["roster"]["Enums"]["org_role"]
          search_text?: string | null
          sort_name?: string | null
          status?: Database["roster"]["Enums"]["membership_status"]
          suspended_at?: string | null
          suspended_by?: string | null
          suspended_reason?: string | null
          updated_at?: string
          user_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "memberships_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      organizations: {
        Row: {
          created_at: string
          created_by: string | null
          deleted_at: string | null
          description: string | null
          id: string
          invitation_lifetime_hours: number
          is_personal: boolean
          legal_name: string | null
          name: string
          slug: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          deleted_at?: string | null
          description?: string | null
          id?: string
          invitation_lifetime_hours?: number
          is_personal?: boolean
          legal_name?: string | null
          name: string
          slug: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          deleted_at?: string | null
          description?: string | null
          id?: string
          invitation_lifetime_hours?: number
          is_personal?: boolean
          legal_name?: string | null
          name?: string
          slug?: string
          updated_at?: string
        }
        Relationships: []
      }
      ownership_transfers: {
        Row: {
          delivery_error: string | null
          delivery_status: string
          expires_at: string
          from_user_id: string
          id: string
          last_sent_at: string | null
          mailed_status: Database["roster"]["Enums"]["transfer_status"] | null
          org_id: string
          requested_at: string
          resolved_at: string | null
          resolved_by: string | null
          send_count: number
          status: Database["roster"]["Enums"]["transfer_status"]
          to_user_id: string
        }
        Insert: {
          delivery_error?: string | null
          delivery_status?: string
          expires_at?: string
          from_user_id: string
          id?: string
          last_sent_at?: string | null
          mailed_status?: Database["roster"]["Enums"]["transfer_status"] | null
          org_id: string
          requested_at?: string
          resolved_at?: string | null
          resolved_by?: string | null
          send_count?: number
          status?: Database["roster"]["Enums"]["transfer_status"]
          to_user_id: string
        }
        Update: {
          delivery_error?: string | null
          delivery_status?: string
          expires_at?: string
          from_user_id?: string
          id?: string
          last_sent_at?: string | null
          mailed_status?: Database["roster"]["Enums"]["transfer_status"] | null
          org_id?: string
          requested_at?: string
          resolved_at?: string | null
          resolved_by?: string | null
          send_count?: number
          status?: Database["roster"]["Enums"]["transfer_status"]
          to_user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "ownership_transfers_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      permissions: {
        Row: {
          area: string
          description: string
          key: string
          owner_only: boolean
        }
        Insert: {
          area: string
          description: string
          key: string
          owner_only?: boolean
        }
        Update: {
          area?: string
          description?: string
          key?: string
          owner_only?: boolean
        }
        Relationships: []
      }
      profiles: {
        Row: {
          created_at: string
          display_name: string
          email: string | null
          updated_at: string
          user_id: string
        }
        Insert: {
          created_at?: string
          display_name: string
          email?: string | null
          updated_at?: string
          user_id: string
        }
        Update: {
          created_at?: string
          display_name?: string
          email?: string | null
          updated_at?: string
          user_id?: string
        }
        Relationships: []
      }
      role_permissions: {
        Row: {
          org_id: string
          permission: string
          role: Database["roster"]["Enums"]["org_role"]
        }
        Insert: {
          org_id: string
          permission: string
          role: Database["roster"]["Enums"]["org_role"]
        }
        Update: {
          org_id?: string
          permission?: string
          role?: Database["roster"]["Enums"]["org_role"]
        }
        Relationships: [
          {
            foreignKeyName: "role_permissions_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "role_permissions_permission_fkey"
            columns: ["permission"]
            isOneToOne: false
            referencedRelation: "permissions"
            referencedColumns: ["key"]
          },
        ]
      }
    }
    Views: {
      invitation_list: {
        Row: {
          accepted_at: string | null
          accepted_by: string | null
          created_at: string | null
          declined_at: string | null
          delivery_error: string | null
          delivery_status: string | null
          email: string | null
          expires_at: string | null
          id: string | null
          invited_by: string | null
          invited_by_name: string | null
          last_sent_at: string | null
          message: string | null
          org_id: string | null
          revoked_at: string | null
          revoked_by: string | null
          role: Database["roster"]["Enums"]["org_role"] | null
          send_count: number | null
          status: Database["roster"]["Enums"]["invitation_status"] | null
        }
        Relationships: [
          {
            foreignKeyName: "invitations_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      member_directory: {
        Row: {
          display_name: string | null
          email: string | null
          invited_by: string | null
          invited_by_name: string | null
          joined_at: string | null
          last_active_at: string | null
          membership_id: string | null
          org_id: string | null
          org_name: string | null
          org_slug: string | null
          removed_at: string | null
          removed_by: string | null
          removed_reason: string | null
          role: Database["roster"]["Enums"]["org_role"] | null
          status: Database["roster"]["Enums"]["membership_status"] | null
          suspended_at: string | null
          suspended_by: string | null
          suspended_reason: string | null
          updated_at: string | null
          user_id: string | null
        }
        Relationships: [
          {
            foreignKeyName: "memberships_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      my_memberships: {
        Row: {
          is_personal: boolean | null
          joined_at: string | null
          last_active_at: string | null
          membership_id: string | null
          org_id: string | null
          org_name: string | null
          org_slug: string | null
          role: Database["roster"]["Enums"]["org_role"] | null
          status: Database["roster"]["Enums"]["membership_status"] | null
        }
        Relationships: [
          {
            foreignKeyName: "memberships_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      my_pending_transfers: {
        Row: {
          expires_at: string | null
          from_user_id: string | null
          id: string | null
          is_recipient: boolean | null
          org_id: string | null
          org_name: string | null
          org_slug: string | null
          requested_at: string | null
          to_user_id: string | null
        }
        Relationships: [
          {
            foreignKeyName: "ownership_transfers_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Functions: {
      accept_invitation: {
        Args: { p_token: string }
        Returns: Record<string, unknown>
      }
      accept_invitation_by_id: {
        Args: { p_invitation_id: string }
        Returns: Record<string, unknown>
      }
      accept_ownership_transfer: {
        Args: { p_transfer_id: string }
        Returns: {
          delivery_error: string | null
          delivery_status: string
          expires_at: string
          from_user_id: string
          id: string
          last_sent_at: string | null
          mailed_status: Database["roster"]["Enums"]["transfer_status"] | null
          org_id: string
          requested_at: string
          resolved_at: string | null
          resolved_by: string | null
          send_count: number
          status: Database["roster"]["Enums"]["transfer_status"]
          to_user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "ownership_transfers"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      account_deletion_blockers: {
        Args: never
        Returns: {
          name: string
          org_id: string
          other_members: number
          slug: string
        }[]
      }
      audit: {
        Args: {
          p_action: string
          p_after?: Json
          p_before?: Json
          p_org_id: string
          p_reason?: string
          p_target_user_id?: string
        }
        Returns: number
      }
      audit_actions: {
        Args: { p_org_id: string }
        Returns: {
          action: string
        }[]
      }
      audit_actors: {
        Args: { p_org_id: string }
        Returns: {
          actor_id: string
          name: string
        }[]
      }
      cancel_ownership_transfer: {
        Args: { p_transfer_id: string }
        Returns: {
          delivery_error: string | null
          delivery_status: string
          expires_at: string
          from_user_id: string
          id: string
          last_sent_at: string | null
          mailed_status: Database["roster"]["Enums"]["transfer_status"] | null
          org_id: string
          requested_at: string
          resolved_at: string | null
          resolved_by: string | null
          send_count: number
          status: Database["roster"]["Enums"]["transfer_status"]
          to_user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "ownership_transfers"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      change_member_role: {
        Args: {
          p_org_id: string
          p_reason: string
          p_role: string
          p_user_id: string
        }
        Returns: {
          deleted_user_email: string | null
          deleted_user_id: string | null
          deleted_user_name: string | null
          display_name: string | null
          email: string | null
          id: string
          invited_by: string | null
          joined_at: string
          last_active_at: string | null
          org_id: string
          removed_at: string | null
          removed_by: string | null
          removed_reason: string | null
          role: Database["roster"]["Enums"]["org_role"]
          search_text: string | null
          sort_name: string | null
          status: Database["roster"]["Enums"]["membership_status"]
          suspended_at: string | null
          suspended_by: string | null
          suspended_reason: string | null
          updated_at: string
          user_id: string | null
        }
        SetofOptions: {
          from: "*"
          to: "memberships"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      claim_transfer_emails: {
        Args: { p_transfer_id?: string }
        Returns: {
          expires_at: string
          from_email: string
          from_name: string
          org_name: string
          org_slug: string
          status: Database["roster"]["Enums"]["transfer_status"]
          to_email: string
          to_name: string
          transfer_id: string
        }[]
      }
      create_invitations: {
        Args: {
          p_emails: string[]
          p_message?: string
          p_org_id: string
          p_role: string
        }
        Returns: {
          email: string
          expires_at: string
          invitation_id: string
          status: string
          token: string
        }[]
      }
      create_organization: {
        Args: {
          p_description?: string
          p_legal_name?: string
          p_name: string
          p_slug?: string
        }
        Returns: {
          created_at: string
          created_by: string | null
          deleted_at: string | null
          description: string | null
          id: string
          invitation_lifetime_hours: number
          is_personal: boolean
          legal_name: string | null
          name: string
          slug: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "organizations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      decline_invitation: { Args: { p_token: string }; Returns: undefined }
      decline_invitation_by_id: {
        Args: { p_invitation_id: string }
        Returns: undefined
      }
      decline_ownership_transfer: {
        Args: { p_transfer_id: string }
        Returns: {
          delivery_error: string | null
          delivery_status: string
          expires_at: string
          from_user_id: string
          id: string
          last_sent_at: string | null
          mailed_status: Database["roster"]["Enums"]["transfer_status"] | null
          org_id: string
          requested_at: string
          resolved_at: string | null
          resolved_by: string | null
          send_count: number
          status: Database["roster"]["Enums"]["transfer_status"]
          to_user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "ownership_transfers"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      delete_my_account: {
        Args: { p_confirm_email: string }
        Returns: undefined
      }
      delete_organization: {
        Args: { p_confirm_name: string; p_org_id: string }
        Returns: undefined
      }
      expire_stale: { Args: never; Returns: Record<string, unknown> }
      get_invitation_preview: {
        Args: { p_token: string }
        Returns: Record<string, unknown>
      }
      get_organization_settings: {
        Args: { p_org_id: string }
        Returns: {
          created_at: string
          description: string
          id: string
          invitation_lifetime_hours: number
          legal_name: string
          name: string
          slug: string
        }[]
      }
      leave_organization: { Args: { p_org_id: string }; Returns: string }
      list_members: {
        Args: {
          p_after?: string
          p_include_removed?: boolean
          p_limit?: number
          p_org_id: string
          p_role?: string
          p_search?: string
          p_sort?: string
          p_status?: string
        }
        Returns: {
          cursor: string
          delivery_failed: boolean
          display_name: string
          email: string
          expires_at: string
          id: string
          invited_at: string
          invited_by_name: string
          joined_at: string
          kind: string
          last_active_at: string
          removed_at: string
          removed_by: string
          removed_reason: string
          role: Database["roster"]["Enums"]["org_role"]
          status: string
          suspended_at: string
          suspended_by: string
          suspended_reason: string
          user_id: string
        }[]
      }
      mark_invitation_delivery: {
        Args: { p_error?: string; p_invitation_id: string; p_status: string }
        Returns: undefined
      }
      mark_transfer_delivery: {
        Args: { p_error?: string; p_status: string; p_transfer_id: string }
        Returns: undefined
      }
      member_counts: {
        Args: { p_org_id: string; p_role?: string; p_search?: string }
        Returns: Json
      }
      my_access: {
        Args: never
        Returns: {
          joined_at: string
          org_deleted: boolean
          org_id: string
          org_name: string
          org_slug: string
          removed_at: string
          role: Database["roster"]["Enums"]["org_role"]
          status: Database["roster"]["Enums"]["membership_status"]
          suspended_at: string
        }[]
      }
      my_invitations: {
        Args: never
        Returns: {
          created_at: string
          expires_at: string
          id: string
          invited_by_name: string
          org_id: string
          org_name: string
          org_slug: string
          role: Database["roster"]["Enums"]["org_role"]
        }[]
      }
      orgs_with: { Args: { p_permission: string }; Returns: string[] }
      reactivate_member: {
        Args: { p_org_id: string; p_reason: string; p_user_id: string }
        Returns: {
          deleted_user_email: string | null
          deleted_user_id: string | null
          deleted_user_name: string | null
          display_name: string | null
          email: string | null
          id: string
          invited_by: string | null
          joined_at: string
          last_active_at: string | null
          org_id: string
          removed_at: string | null
          removed_by: string | null
          removed_reason: string | null
          role: Database["roster"]["Enums"]["org_role"]
          search_text: string | null
          sort_name: string | null
          status: Database["roster"]["Enums"]["membership_status"]
          suspended_at: string | null
          suspended_by: string | null
          suspended_reason: string | null
          updated_at: string
          user_id: string | null
        }
        SetofOptions: {
          from: "*"
          to: "memberships"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      record_audit_export: {
        Args: {
          p_filters?: Json
          p_format: string
          p_org_id: string
          p_row_count?: number
        }
        Returns: number
      }
      register_permission: {
        Args: {
          p_description: string
          p_key: string
          p_roles?: Database["roster"]["Enums"]["org_role"][]
        }
        Returns: undefined
      }
      remove_member: {
        Args: { p_org_id: string; p_reason: string; p_user_id: string }
        Returns: {
          deleted_user_email: string | null
          deleted_user_id: string | null
          deleted_user_name: string | null
          display_name: string | null
          email: string | null
          id: string
          invited_by: string | null
          joined_at: string
          last_active_at: string | null
          org_id: string
          removed_at: string | null
          removed_by: string | null
          removed_reason: string | null
          role: Database["roster"]["Enums"]["org_role"]
          search_text: string | null
          sort_name: string | null
          status: Database["roster"]["Enums"]["membership_status"]
          suspended_at: string | null
          suspended_by: string | null
          suspended_reason: string | null
          updated_at: string
          user_id: string | null
        }
        SetofOptions: {
          from: "*"
          to: "memberships"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      request_ownership_transfer: {
        Args: { p_confirm_name: string; p_org_id: string; p_to_user_id: string }
        Returns: {
          delivery_error: string | null
          delivery_status: string
          expires_at: string
          from_user_id: string
          id: string
          last_sent_at: string | null
          mailed_status: Database["roster"]["Enums"]["transfer_status"] | null
          org_id: string
          requested_at: string
          resolved_at: string | null
          resolved_by: string | null
          send_count: number
          status: Database["roster"]["Enums"]["transfer_status"]
          to_user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "ownership_transfers"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      resend_invitation: {
        Args: { p_invitation_id: string }
        Returns: Record<string, unknown>
      }
      revoke_invitation: {
        Args: { p_invitation_id: string }
        Returns: undefined
      }
      search_audit_events: {
        Args: {
          p_actions?: string[]
          p_actor_id?: string
          p_before_id?: number
          p_before_occurred_at?: string
          p_from?: string
          p_limit?: number
          p_org_id: string
          p_q: string
          p_target?: string
          p_to?: string
        }
        Returns: {
          action: string
          actor_email: string | null
          actor_id: string | null
          actor_kind: Database["roster"]["Enums"]["actor_kind"]
          actor_name: string | null
          after: Json | null
          before: Json | null
          hash: string
          id: number
          ip: unknown
          occurred_at: string
          org_id: string
          prev_hash: string | null
          reason: string | null
          target_email: string | null
          target_invitation_id: string | null
          target_name: string | null
          target_user_id: string | null
          user_agent: string | null
        }[]
        SetofOptions: {
          from: "*"
          to: "audit_events"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      set_role_permissions: {
        Args: { p_org_id: string; p_permissions: string[]; p_role: string }
        Returns: string[]
      }
      start_audit_full_check: { Args: { p_org_id: string }; Returns: undefined }
      suggest_organization_slug: { Args: { p_slug: string }; Returns: string }
      support_restore_access: {
        Args: {
          p_email: string
          p_operator: string
          p_org_id: string
          p_ticket: string
        }
        Returns: Record<string, unknown>
      }
      suspend_member: {
        Args: { p_org_id: string; p_reason: string; p_user_id: string }
        Returns: {
          deleted_user_email: string | null
          deleted_user_id: string | null
          deleted_user_name: string | null
          display_name: string | null
          email: string | null
          id: string
          invited_by: string | null
          joined_at: string
          last_active_at: string | null
          org_id: string
          removed_at: string | null
          removed_by: string | null
          removed_reason: string | null
          role: Database["roster"]["Enums"]["org_role"]
          search_text: string | null
          sort_name: string | null
          status: Database["roster"]["Enums"]["membership_status"]
          suspended_at: string | null
          suspended_by: string | null
          suspended_reason: string | null
          updated_at: string
          user_id: string | null
        }
        SetofOptions: {
          from: "*"
          to: "memberships"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      touch_membership: { Args: { p_org_id: string }; Returns: string }
      update_organization: {
        Args: {
          p_description?: string
          p_invitation_lifetime_hours?: number
          p_legal_name?: string
          p_name?: string
          p_org_id: string
        }
        Returns: {
          created_at: string
          created_by: string | null
          deleted_at: string | null
          description: string | null
          id: string
          invitation_lifetime_hours: number
          is_personal: boolean
          legal_name: string | null
          name: string
          slug: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "organizations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      update_profile: {
        Args: { p_display_name: string }
        Returns: {
          created_at: string
          display_name: string
          email: string | null
          updated_at: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      verify_audit_chain: {
        Args: { p_org_id: string }
        Returns: Record<string, unknown>
      }
    }
    Enums: {
      actor_kind: "user" | "system" | "support"
      invitation_status:
        | "pending"
        | "accepted"
        | "declined"
        | "revoked"
        | "expired"
      membership_status: "active" | "suspended" | "removed"
      org_role: "owner" | "admin" | "member" | "viewer"
      transfer_status:
        | "pending"
        | "accepted"
        | "declined"
        | "cancelled"
        | "expired"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {},
  },
  roster: {
    Enums: {
      actor_kind: ["user", "system", "support"],
      invitation_status: [
        "pending",
        "accepted",
        "declined",
        "revoked",
        "expired",
      ],
      membership_status: ["active", "suspended", "removed"],
      org_role: ["owner", "admin", "member", "viewer"],
      transfer_status: [
        "pending",
        "accepted",
        "declined",
        "cancelled",
        "expired",
      ],
    },
  },
} as const

