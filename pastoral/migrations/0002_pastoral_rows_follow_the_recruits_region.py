"""A recruit's pastoral rows name the recruit's region (pastoral_follow_region keeps them so from
now on): records handed over to another region before that had their plan, check-ins, concerns and
appointments left in the old one. The hub pages read check-ins by their own region, so bring any
such rows into line. The plan's hub is left as it is (the hub team can change it on the plan)."""

from django.db import migrations

FOLLOW = [
    """UPDATE training_pastoralplan AS p SET region_id = r.region_id
       FROM recruits_recruit AS r WHERE p.recruit_id = r.id AND p.region_id <> r.region_id""",
    """UPDATE training_checkin AS c SET region_id = p.region_id
       FROM training_pastoralplan AS p WHERE c.plan_id = p.id AND c.region_id <> p.region_id""",
    """UPDATE training_concern AS c SET region_id = r.region_id
       FROM recruits_recruit AS r WHERE c.recruit_id = r.id AND c.region_id <> r.region_id""",
    """UPDATE training_appointment AS a SET region_id = r.region_id
       FROM recruits_recruit AS r WHERE a.recruit_id = r.id AND a.region_id <> r.region_id""",
]


class Migration(migrations.Migration):
    dependencies = [("pastoral", "0001_initial"), ("recruits", "0015_spell_out_cos_in_choices")]

    operations = [migrations.RunSQL(sql, reverse_sql=migrations.RunSQL.noop) for sql in FOLLOW]
